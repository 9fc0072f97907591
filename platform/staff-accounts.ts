import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { appendAudit } from '../store/audit';
import {
  grantRole,
  insertStaff,
  listStaff,
  removeStaff,
  staffByEmail,
  staffById,
  updateStaff,
  withdrawRole,
  type StaffRow,
} from '../store/staff';
import { deleteSessionsOf } from '../store/console-sessions';
import { inTransaction } from '../store/transaction';
import { ladderScopeBreach, type Role } from './roles';

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  /** The contributor this person is, so they never decide their own case. */
  contributorId: string | null;
  roles: { role: Role; ladderId: string | null }[];
}

const toAccount = (r: StaffRow): StaffAccount => ({
  id: r.id,
  email: r.email,
  name: r.name,
  contributorId: r.contributor_id,
  roles: r.roles,
});

export interface StaffGrant {
  email: string;
  role: Role;
  ladderId?: string;
  name?: string;
  contributorId?: string;
}

/** Why the grant cannot be made as asked, or undefined. */
export function staffGrantProblem(grant: StaffGrant): string | undefined {
  if (!/^[^@\s]+@[^@\s]+$/.test(grant.email)) return `"${grant.email}" is not an email address`;
  const breach = ladderScopeBreach(grant.role, grant.ladderId);
  if (breach === 'missing') return 'a team leader names the ladder they lead';
  if (breach === 'extra') return `a ${grant.role} acts organisation-wide and names no ladder`;
  return undefined;
}

/**
 * Gives a person a role, making their account first when they have none (named by the email's local part unless a
 * name is given). Granting a role they hold changes nothing. `by` is who asked, for the audit trail.
 */
export async function addStaff(
  pool: Pool,
  grant: StaffGrant,
  by = 'operator',
): Promise<{ account: StaffAccount; created: boolean; granted: boolean }> {
  const problem = staffGrantProblem(grant);
  if (problem) throw new Error(problem);
  return inTransaction(pool, async (client) => {
    let row = await staffByEmail(client, grant.email);
    const created = !row;
    const id = row?.id ?? randomBytes(8).toString('hex');
    if (!row) {
      const name = grant.name?.trim() || grant.email.split('@')[0]!;
      await insertStaff(client, { id, email: grant.email, name, contributorId: grant.contributorId ?? null });
      await appendAudit(client, {
        idempotencyKey: `staff:${id}:added`,
        actor: by,
        action: 'staff.added',
        details: { staff: id, name, contributor: grant.contributorId ?? null },
      });
    } else if (grant.name || grant.contributorId) {
      await updateStaff(client, id, { name: grant.name?.trim(), contributorId: grant.contributorId });
    }
    const granted = await grantRole(client, id, grant.role, grant.ladderId ?? null);
    if (granted) {
      // A role changed: the account signs in again, so no session outlives what it was opened with.
      await deleteSessionsOf(client, id);
      await appendAudit(client, {
        idempotencyKey: `staff:${id}:granted:${grant.role}:${grant.ladderId ?? '*'}:${randomBytes(6).toString('hex')}`,
        actor: by,
        action: 'staff.role-granted',
        details: { staff: id, role: grant.role, ladder: grant.ladderId ?? null },
      });
    }
    row = (await staffByEmail(client, grant.email))!;
    return { account: toAccount(row), created, granted };
  });
}

/**
 * Takes one role from a person, or, without a role, removes their account: its roles end, and so do the API keys
 * that belong to it. Undefined when there is no such account (or it does not hold the role).
 */
export async function removeStaffAccess(
  pool: Pool,
  target: { email: string; role?: Role; ladderId?: string },
  by = 'operator',
): Promise<{ account: StaffAccount; removed: 'role' | 'account'; keysRevoked: string[] } | undefined> {
  return inTransaction(pool, async (client) => {
    const row = await staffByEmail(client, target.email);
    if (!row) return undefined;
    if (target.role) {
      if (!(await withdrawRole(client, row.id, target.role, target.ladderId ?? null))) return undefined;
      await deleteSessionsOf(client, row.id);
      await appendAudit(client, {
        idempotencyKey: `staff:${row.id}:withdrawn:${target.role}:${target.ladderId ?? '*'}:${randomBytes(6).toString('hex')}`,
        actor: by,
        action: 'staff.role-withdrawn',
        details: { staff: row.id, role: target.role, ladder: target.ladderId ?? null },
      });
      return { account: toAccount((await staffByEmail(client, target.email))!), removed: 'role', keysRevoked: [] };
    }
    const keysRevoked = await removeStaff(client, row.id);
    await deleteSessionsOf(client, row.id);
    await appendAudit(client, {
      idempotencyKey: `staff:${row.id}:removed`,
      actor: by,
      action: 'staff.removed',
      details: { staff: row.id, roles: row.roles, keysRevoked },
    });
    return { account: toAccount(row), removed: 'account', keysRevoked };
  });
}

export async function listStaffAccounts(pool: Pool): Promise<StaffAccount[]> {
  return (await listStaff(pool)).map(toAccount);
}

/** The account of an email address, while it is not removed. */
export async function staffAccountByEmail(pool: Pool, email: string): Promise<StaffAccount | undefined> {
  const row = await staffByEmail(pool, email);
  return row && toAccount(row);
}

/** The account of an id, while it is not removed. */
export async function staffAccountById(pool: Pool, id: string): Promise<StaffAccount | undefined> {
  const row = await staffById(pool, id);
  return row && toAccount(row);
}

/** Whether the account holds the role (a team leader: of that ladder). */
export const holdsRole = (account: StaffAccount, role: Role, ladderId?: string | null): boolean =>
  account.roles.some((r) => r.role === role && (r.ladderId ?? null) === (ladderId ?? null));
