import type { Grant } from '../domain/access';
import type { InspectedGrant } from '../activities/access/access-activities';
import { activities } from './activities-proxy';

/** Reads what the systems hold now, for the API's access view: the API itself never talks to them. */
export async function inspectAccessWorkflow(grants: Grant[]): Promise<InspectedGrant[]> {
  return activities.inspectAccess(grants);
}

/** Reads who holds each entitlement now, for an import adopting what people hold already. */
export async function listHoldersWorkflow(
  slots: { system: string; entitlement: string }[],
): Promise<Awaited<ReturnType<typeof activities.listHolders>>> {
  return activities.listHolders(slots);
}
