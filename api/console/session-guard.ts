import type { FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import type { Caller } from '../../platform/api-keys';
import type { Role } from '../../platform/roles';
import { staffAccountById, type StaffAccount } from '../../platform/staff-accounts';
import { HttpProblem } from '../problem';

declare module 'fastify' {
  interface Session {
    /** The staff account signed in; absent before sign-in. */
    staffId?: string;
    signedInAt?: number;
    /** The last request, to the minute: a session unused for the idle time ends. */
    seenAt?: number;
    /** Set on a session read from the store (see session-store.ts); never itself stored. */
    stored?: true;
    /** A single sign-on under way: what the provider's answer must match. */
    oidc?: { state: string; nonce: string; verifier: string; next: string };
  }
  interface FastifyRequest {
    /** The staff account a console request is made by. */
    staff?: StaffAccount;
  }
}

/** The console asks the person to sign in (again): no session, or one past its time. */
export class SignInRequired extends Error {
  constructor(readonly reason: 'none' | 'expired') {
    super(`sign-in required (${reason})`);
  }
}

/** How often a session in use is written back, so its idle clock restarts. */
const SEEN_EVERY_MS = 60_000;

/** The caller a staff account is, acting in the first of `roles` it holds (else its first role, which is refused). */
export function callerOfAccount(account: StaffAccount, roles: Role[]): Caller {
  const held = account.roles.find((r) => roles.includes(r.role)) ?? account.roles[0];
  if (!held) throw new HttpProblem(403, 'Forbidden', 'your account holds no role; ask an admin for one');
  return {
    id: `staff:${account.id}`,
    name: account.name,
    role: held.role,
    contributorId: account.contributorId,
    ladderId: held.role === 'team-leader' ? held.ladderId : null,
    ladders: account.roles.filter((r) => r.role === 'team-leader').map((r) => r.ladderId!),
    staffId: account.id,
  };
}

/**
 * Who a console request is made by: the session's account, read afresh each
 * time (so a role withdrawn counts at once), while the session is within its
 * idle and absolute times. Otherwise the person signs in again.
 */
export function sessionGuard(pool: Pool, limits: { idleMs: number; absoluteMs: number }) {
  return async (request: FastifyRequest, roles: Role[]): Promise<Caller> => {
    const session = request.session;
    const { staffId, signedInAt, seenAt } = session;
    if (!staffId || !signedInAt || !seenAt) throw new SignInRequired('none');
    const now = Date.now();
    if (now - seenAt > limits.idleMs || now - signedInAt > limits.absoluteMs) {
      await session.destroy();
      throw new SignInRequired('expired');
    }
    const account = await staffAccountById(pool, staffId);
    if (!account) {
      await session.destroy();
      throw new SignInRequired('none');
    }
    if (now - seenAt > SEEN_EVERY_MS) session.seenAt = now;
    request.staff = account;
    return callerOfAccount(account, roles);
  };
}
