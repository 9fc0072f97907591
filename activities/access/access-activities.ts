import { asyncLocalStorage } from '@temporalio/activity';
import type { Pool } from 'pg';
import type { Grant } from '../../domain/access';
import { writeAudit } from '../audit';
import { misconfigured } from './access-system';
import type { AccessSystems } from './systems';
import { recordIdentity } from '../../store/identities';

export interface AccessChange {
  grant: Grant;
  contributorId: string;
  workflowId: string;
  /** The same change retried lands once in the audit trail. */
  idempotencyKey: string;
  /** Why: "level triage", "revoke", "reconciliation". */
  reason: string;
}

export interface InspectedGrant extends Grant {
  holds: boolean | null;
  /** False when the system has no account for the identity (so a grant would wait for one); read only where it is not held. */
  account?: boolean;
  /** Why it could not be read, when `holds` is null. */
  error?: string;
}

/**
 * Tells Temporal this attempt is alive, between calls to the system: a worker
 * that dies mid-grant is noticed within the heartbeat timeout, not the whole
 * start-to-close timeout. (Called directly, outside an activity, it does nothing.)
 */
const beat = () => asyncLocalStorage.getStore()?.heartbeat();

export function createAccessActivities({ pool, systems }: { pool: Pool; systems: AccessSystems }) {
  /** Acts only when needed, then reads back: a system that silently drops a change (MediaWiki does) is caught here. */
  async function change(kind: 'grant' | 'revoke', input: AccessChange): Promise<'done' | 'already'> {
    const { system, entitlement, identity } = input.grant;
    const target = systems(system);
    const wanted = kind === 'grant';
    beat();
    const already = (await target.holds(identity, entitlement)) === wanted;
    if (!already) {
      beat();
      await (wanted ? target.grant(identity, entitlement) : target.revoke(identity, entitlement));
      beat();
      if ((await target.holds(identity, entitlement)) !== wanted) {
        throw misconfigured(
          system,
          `${entitlement} for ${identity} did not ${wanted ? 'take' : 'go'}: ${target.describe} ignored the change (does the account trustladder uses have the right?)`,
        );
      }
    }
    // Written even when there was nothing to do: an attempt that acted and then died before this line is retried as "already".
    await writeAudit(pool, {
      idempotencyKey: input.idempotencyKey,
      actor: 'system',
      action: wanted ? 'access.granted' : 'access.revoked',
      contributorId: input.contributorId,
      workflowId: input.workflowId,
      details: { system, entitlement, identity, reason: input.reason, ...(already ? { already: true } : {}) },
    });
    return already ? 'already' : 'done';
  }

  return {
    grantAccess: (input: AccessChange) => change('grant', input),
    revokeAccess: (input: AccessChange) => change('revoke', input),

    /** What each system says now, per grant; a system that cannot be read is named, not fatal. */
    async inspectAccess(grants: Grant[]): Promise<InspectedGrant[]> {
      return Promise.all(
        grants.map(async (g) => {
          try {
            const system = systems(g.system);
            const holds = await system.holds(g.identity, g.entitlement);
            if (holds || !system.hasAccount) return { ...g, holds };
            return { ...g, holds, account: await system.hasAccount(g.identity) };
          } catch (err) {
            return { ...g, holds: null, error: (err as Error).message };
          }
        }),
      );
    },

    /** Who holds each entitlement there now, one read each (null: could not be read). */
    async listHolders(
      slots: { system: string; entitlement: string }[],
    ): Promise<{ system: string; entitlement: string; holders: string[] | null; error?: string }[]> {
      return Promise.all(
        slots.map(async (slot) => {
          try {
            return { ...slot, holders: await systems(slot.system).holders(slot.entitlement) };
          } catch (err) {
            return { ...slot, holders: null, error: (err as Error).message };
          }
        }),
      );
    },

    async recordIdentities(input: { contributorId: string; identities: Record<string, string> }): Promise<void> {
      for (const [system, identity] of Object.entries(input.identities)) {
        await recordIdentity(pool, input.contributorId, system, identity);
      }
    },
  };
}
