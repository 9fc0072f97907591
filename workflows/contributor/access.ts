import { ActivityFailure, ApplicationFailure, condition, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { grantKey, wantedGrants, type Grant } from '../../domain/access';
import { FailureType } from '../../domain/failure-types';
import type { Activities } from '../../activities';
import { activities } from '../activities-proxy';
import { noticeToTeamLeader } from '../team-leader-notice';
import type { UpdateHandling } from '../handlers';
import type { AccessEntry, SetIdentitiesInput } from '../messages';
import { refuse } from '../refusal';
import { now } from '../clock';
import { auditContributor } from './contributor-audit';
import type { ContributorContext } from './standing';

/**
 * Grants and revokes are retried for as long as the target is down: access
 * must follow the decision once it is back. Only a refusal that retrying
 * cannot cure (no such account, a misconfiguration) ends one.
 */
const systems = proxyActivities<Pick<Activities, 'grantAccess' | 'revokeAccess'>>({
  startToCloseTimeout: '1 minute',
  // The activity beats between its calls (each at most 10 s): a worker that died mid-grant is noticed in 20.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '2 minutes', backoffCoefficient: 2 },
});

const SYSTEM_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** The grants as chains that run side by side: one a system, in the file's order; or all in one. */
function grantChains(grants: Grant[]): Grant[][] {
  const chains = new Map<string, Grant[]>();
  for (const g of grants) chains.set(g.system, [...(chains.get(g.system) ?? []), g]);
  return [...chains.values()];
}

function failureType(err: unknown): string | undefined {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure
    ? (err.cause.type ?? undefined)
    : undefined;
}

/**
 * Access follows the level: a background loop in the contributor's workflow
 * that, whenever the level or an identity changes, revokes what the person
 * should no longer have (all of it at once) and grants what they should,
 * each system's in the ladder file's order. A grant that fails for good undoes that round's
 * grants and is reported; a missing account waits for the team leader to
 * name the identity.
 */
export function handleAccess(ctx: ContributorContext, email: string) {
  const { status } = ctx;
  const { workflowId } = workflowInfo();
  status.access ??= [];
  status.identities ??= {};
  status.accessRounds ??= 0;
  // Unknown after continue-as-new: the first round re-applies, which is idempotent.
  let applied: string | undefined;
  let running = false;

  const wanted = (): Grant[] =>
    status.state === 'left' ? [] : wantedGrants(ctx.ladder(), status.level, status.identities ?? {}, email);
  const fingerprint = () => wanted().map(grantKey).join('\n');

  /** The team leader names the person's account on a system (the identity a grant waits for). */
  const setIdentities: UpdateHandling<Record<string, string>, [SetIdentitiesInput]> = {
    async handle(input: SetIdentitiesInput) {
      // Recorded before anything changes, as with a sign of life (aliveness.ts).
      await activities.recordIdentities({ contributorId: ctx.contributorId, identities: input.identities });
      status.identities = { ...status.identities, ...input.identities };
      await auditContributor(ctx.contributorId, {
        key: `${workflowId}:identities:${status.accessRounds}:${JSON.stringify(input.identities)}`,
        actor: `team-leader:${input.by}`,
        action: 'identities.set',
        details: { systems: Object.keys(input.identities) },
      });
      return status.identities ?? {};
    },
    validate(input: SetIdentitiesInput) {
      if (status.state === 'left') refuse('this contributor has left the ladder');
      for (const system of Object.keys(input.identities))
        if (!SYSTEM_PATTERN.test(system)) refuse(`"${system}" is not a system name`);
    },
  };

  function change(kind: 'grant' | 'revoke', grant: Grant, round: number, reason: string) {
    const input = {
      grant,
      contributorId: ctx.contributorId,
      workflowId,
      idempotencyKey: `${workflowId}:access:${round}:${kind}:${JSON.stringify([grant.system, grant.entitlement, grant.identity])}`,
      reason,
    };
    return kind === 'grant' ? systems.grantAccess(input) : systems.revokeAccess(input);
  }

  const entry = (grant: Grant, state: AccessEntry['state'], detail?: string): AccessEntry => ({
    ...grant,
    state,
    ...(detail ? { detail } : {}),
    since: now().toISOString(),
  });

  async function report(
    round: number,
    action: string,
    details: Record<string, unknown>,
    notice?: string,
  ): Promise<void> {
    await auditContributor(ctx.contributorId, {
      key: `${workflowId}:access:${round}:${action}`,
      actor: 'system',
      action,
      details,
    });
    if (notice)
      await noticeToTeamLeader(ctx.ladder(), {
        idempotencyKey: `${workflowId}:access:${round}:${action}:notice`,
        contributorId: ctx.contributorId,
        workflowId,
        subject: `Access for ${ctx.name}: ${action.replace('access.', '')}`,
        text: notice,
      });
  }

  const detailOf = (err: unknown) => (err instanceof ActivityFailure && err.cause ? err.cause.message : String(err));

  /** Revokes; one that fails for good stays listed as failed (reconciliation and the team leader take it from there) rather than stop the rest. */
  async function revokeAll(grants: Grant[], round: number, reason: string): Promise<AccessEntry[]> {
    const failed = await Promise.all(
      grants.map(async (g) => {
        try {
          await change('revoke', g, round, reason);
          return undefined;
        } catch (err) {
          return entry(g, 'failed', `could not be revoked: ${detailOf(err)}`);
        }
      }),
    );
    const stuck = failed.filter((e) => e !== undefined);
    if (stuck.length > 0) {
      const lines = stuck.map((e) => `${e.system} ${e.entitlement} (${e.identity}): ${e.detail}`).join('\n');
      await report(
        round,
        'access.revoke-failed',
        { grants: stuck.map(({ system, entitlement, identity }) => ({ system, entitlement, identity })) },
        `These could not be taken away; please remove them by hand:\n${lines}`,
      );
    }
    return stuck;
  }

  async function round(): Promise<void> {
    const target = wanted();
    const round = ++status.accessRounds!;
    const reason = status.level ? `level ${status.level}` : 'left the ladder';
    const targetKeys = new Set(target.map(grantKey));
    const current = status.access ?? [];
    // Everything no longer due goes at once; then only what is still due is shown, with what could not be taken away.
    const stuck = await revokeAll(
      current.filter((e) => e.state === 'granted' && !targetKeys.has(grantKey(e))),
      round,
      reason,
    );
    const kept = new Map(current.filter((e) => targetKeys.has(grantKey(e))).map((e) => [grantKey(e), e]));
    const shown = (status.access = [
      ...target.map((g) => kept.get(grantKey(g)) ?? entry(g, 'waiting-identity', 'not granted yet')),
      ...stuck,
    ]);

    const grantedNow: Grant[] = [];
    let refused: { grant: Grant; detail: string } | undefined;
    /** Grants one after the other, until one is refused for good here or in another chain. */
    const grantInTurn = async (chain: Grant[]) => {
      for (const grant of chain) {
        if (refused) return;
        const at = shown.findIndex((e) => grantKey(e) === grantKey(grant));
        if (shown[at]!.state === 'granted') continue;
        try {
          await change('grant', grant, round, reason);
          shown[at] = entry(grant, 'granted');
          grantedNow.push(grant);
        } catch (err) {
          const detail = detailOf(err);
          if (failureType(err) === FailureType.MissingAccount) {
            shown[at] = entry(grant, 'waiting-identity', detail);
            await report(
              round,
              `access.identity-needed:${grant.system}`,
              { system: grant.system, identity: grant.identity },
              `${detail}\n\nThe rest of their access is granted; this waits for the identity.`,
            );
            continue;
          }
          shown[at] = entry(grant, 'failed', detail);
          refused ??= { grant, detail };
          return;
        }
      }
    };
    // Each system's grants in the file's order (an agent before its roles), the systems side by side.
    await Promise.all(grantChains(target).map(grantInTurn));
    if (!refused) return;
    // Refused for good: this round's grants are undone, so the person holds all of a level's access or none of the new.
    const { grant, detail } = refused;
    const notUndone = await revokeAll(grantedNow, round, `undo: ${grant.system} failed`);
    for (const g of grantedNow) {
      const stillHeld = notUndone.find((e) => grantKey(e) === grantKey(g));
      shown[shown.findIndex((e) => grantKey(e) === grantKey(g))] =
        stillHeld ?? entry(g, 'failed', `undone: ${grant.system} ${grant.entitlement} failed`);
    }
    await report(
      round,
      'access.failed',
      { system: grant.system, entitlement: grant.entitlement, detail, undone: grantedNow.length - notUndone.length },
      `${detail}\n\nWhat this round granted is undone; reconciliation tries again.`,
    );
  }

  return {
    /** Runs for the workflow's life, converging access on the level after every change. */
    run: async (): Promise<never> => {
      for (;;) {
        await condition(() => fingerprint() !== applied);
        const target = fingerprint();
        running = true;
        try {
          await round();
        } finally {
          running = false;
        }
        applied = target;
      }
    },
    /** Access matches the level (on leaving: everything is revoked). */
    settled: () => !running && applied === fingerprint(),
    setIdentities,
  };
}
