import type { Grant } from '../domain/access';
import type { InspectedGrant } from '../activities/access/access-activities';
import { activities } from './activities-proxy';

/** Reads what the systems hold now, for the API's access view: the API itself never talks to them. */
export async function inspectAccessWorkflow(grants: Grant[]): Promise<InspectedGrant[]> {
  return activities.inspectAccess(grants);
}
