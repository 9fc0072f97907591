import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { SigningKey } from './config/local-secrets';
import { signLink, signProgress } from './link-token';
import { recordLink } from '../store/links';

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
  await recordLink(db, {
    id: lid,
    contributorId: link.contributorId,
    workflowId: link.workflowId,
    stepId: link.stepId,
    expiresAt: link.expiresAt,
    actorType: link.actor?.type ?? 'candidate',
    actorId: link.actor?.id ?? null,
  });
  const token = signLink(
    { lid, cid: link.contributorId, step: link.stepId, exp: Math.floor(link.expiresAt.getTime() / 1000) },
    key,
  );
  return `${link.publicUrl}/links/${token}`;
}

/** The signed, read-only address of a contributor's progress page; each mail carries a fresh one. */
export function progressUrl(
  key: SigningKey,
  link: { contributorId: string; publicUrl: string; ttlMs: number },
): string {
  const exp = Math.floor((Date.now() + link.ttlMs) / 1000);
  return `${link.publicUrl}/progress/${signProgress({ cid: link.contributorId, exp }, key)}`;
}
