import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { SigningKey } from './config/local-secrets';
import { signLink } from './link-token';
import { prepared } from '../store/prepared';

const insertLink = prepared<[string, string, string, string, Date, string, string | null]>(
  'INSERT INTO link_tokens (id, contributor_id, workflow_id, step_id, expires_at, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
);

/**
 * Records a link in link_tokens and returns its signed URL. The row is what
 * makes the link single-use; the signature is what makes it unforgeable.
 */
export async function issueLink(
  db: Pool,
  key: SigningKey,
  link: {
    contributorId: string;
    workflowId: string;
    stepId: string;
    expiresAt: Date;
    publicUrl: string;
    actor?: { type: 'sponsor' | 'peer'; id: string };
  },
): Promise<string> {
  const lid = randomBytes(16).toString('base64url');
  await db.query(
    insertLink(
      lid,
      link.contributorId,
      link.workflowId,
      link.stepId,
      link.expiresAt,
      link.actor?.type ?? 'candidate',
      link.actor?.id ?? null,
    ),
  );
  const token = signLink(
    { lid, cid: link.contributorId, step: link.stepId, exp: Math.floor(link.expiresAt.getTime() / 1000) },
    key,
  );
  return `${link.publicUrl}/links/${token}`;
}
