import { createHash } from 'node:crypto';
import type { SessionStore } from '@fastify/session';
import type { Session } from 'fastify';
import type { Pool } from 'pg';
import { deleteSession, readSession, writeSession } from '../../store/console-sessions';

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest();

type Done = (err?: unknown) => void;

/**
 * Console sessions in PostgreSQL, for @fastify/session: every API process
 * reads the same ones, and deleting an account's rows signs it out. A row
 * lasts `idleMs` past its last write; the console writes a session in use
 * at least once a minute (see session-guard.ts), so only an idle one lapses.
 */
export class PgSessionStore implements SessionStore {
  constructor(
    private readonly pool: Pool,
    private readonly idleMs: number,
  ) {}

  get(sessionId: string, callback: (err: unknown, result?: Session | null) => void): void {
    readSession(this.pool, hashOf(sessionId)).then(
      // Marked as read from here: writing it back then only updates its row (see writeSession).
      (data) => callback(null, data ? ({ ...data, stored: true } as Session) : null),
      (err: unknown) => callback(err),
    );
  }

  set(sessionId: string, session: Session, callback: Done): void {
    const { stored, ...data } = session;
    writeSession(this.pool, {
      idHash: hashOf(sessionId),
      staffId: session.staffId ?? null,
      data,
      expiresAt: new Date(Date.now() + this.idleMs),
      isNew: stored !== true,
    }).then(() => callback(), callback);
  }

  destroy(sessionId: string, callback: Done): void {
    deleteSession(this.pool, hashOf(sessionId)).then(() => callback(), callback);
  }
}
