import { randomUUID } from 'node:crypto';
import { entitlementsBySystem, grantKey, type Grant } from '../../domain/access';
import { workflowIdFor } from '../../domain/contributor-id';
import type { Caller } from '../../platform/api-keys';
import { contactOf } from '../../store/contributors';
import { inspectAccessWorkflow } from '../../workflows/inspect-access-workflow';
import { setIdentitiesUpdate, statusQuery, type AccessEntry } from '../../workflows/messages';
import { notFound } from '../problem';
import { statusOf } from '../workflow-views';
import type { UseCaseDeps } from './deps';

/** One grant as it should be (the level carries it) and as it is (the system holds it; null: could not be read). */
export interface AccessRow extends Grant {
  should: boolean;
  is: boolean | null;
  state?: AccessEntry['state'];
  detail?: string;
  error?: string;
}

/**
 * Per system, the access a contributor should have and what the system holds
 * now: every entitlement any level of the ladder carries there is read, so a
 * grant that should not be there shows too.
 */
export async function accessShouldAndIs(
  deps: UseCaseDeps,
  contributorId: string,
): Promise<{ contributorId: string; level: string | null; access: AccessRow[] }> {
  const status = await statusOf(deps, workflowIdFor(contributorId), statusQuery);
  const email = (await contactOf(deps.pool, contributorId))?.email;
  if (email === undefined) throw notFound('no such contributor');
  const should = new Map((status.access ?? []).map((e) => [grantKey(e), e]));
  const identityOn = (system: string) => status.identities?.[system] ?? email;
  const candidates: Grant[] = [...should.values()];
  const ladder = deps.ladders.get(status.ladderId);
  for (const [system, entitlements] of entitlementsBySystem(ladder ? [ladder] : [])) {
    for (const entitlement of entitlements) {
      const grant = { system, entitlement, identity: identityOn(system) };
      if (!should.has(grantKey(grant))) candidates.push(grant);
    }
  }
  const inspected = await deps.temporal.workflow.execute(inspectAccessWorkflow, {
    taskQueue: deps.taskQueue,
    workflowId: `inspect-access-${contributorId}-${randomUUID()}`,
    args: [candidates],
  });
  return {
    contributorId,
    level: status.level,
    access: inspected.map(({ holds, ...g }) => {
      const entry = should.get(grantKey(g));
      return {
        ...g,
        should: entry !== undefined,
        is: holds,
        ...(entry ? { state: entry.state, ...(entry.detail ? { detail: entry.detail } : {}) } : {}),
      };
    }),
  };
}

/** A team leader names who the contributor is on other systems; a grant waiting for the account is tried again. */
export async function nameIdentities(
  deps: UseCaseDeps,
  caller: Caller,
  contributorId: string,
  identities: Record<string, string>,
): Promise<Record<string, string>> {
  return deps.temporal.workflow
    .getHandle(workflowIdFor(contributorId))
    .executeUpdate(setIdentitiesUpdate, { args: [{ identities, by: caller.id }] });
}
