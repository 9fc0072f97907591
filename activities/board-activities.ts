import type { Pool } from 'pg';
import { closeMotion, saveMotion, type MotionRecord } from '../store/motions';
import { writeWithAudit, type AuditEvent } from './audit';

export interface SaveMotionInput extends MotionRecord {
  /** What changed it (the motion opened, a vote), written with it. */
  audit?: AuditEvent;
}

export function createBoardActivities({ pool }: { pool: Pool }) {
  return {
    /**
     * Writes the motion's projection as the workflow saw it, with the audit row of what changed it.
     * Votes only add up and a decided motion stays decided, so a write that lands after a later one
     * (two votes' writes overtaking each other) leaves the later one standing.
     */
    async saveMotion(input: SaveMotionInput): Promise<void> {
      const { audit, ...motion } = input;
      await writeWithAudit(pool, audit, (db) => saveMotion(db, motion));
    },

    async closeMotion(input: { motionId: string; state: 'withdrawn' }): Promise<void> {
      await closeMotion(pool, input.motionId, input.state);
    },
  };
}
