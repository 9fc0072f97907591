import { createHash } from 'node:crypto';

/**
 * A contributor's id comes from the business key (ladder and email), so a
 * repeated onboarding request finds the contributor it already created.
 * Ids match domain/contributor-id.ts's CONTRIBUTOR_ID_PATTERN.
 */
export function contributorIdFor(ladderId: string, email: string): string {
  return createHash('sha256').update(`${ladderId}\n${email.trim().toLowerCase()}`).digest('hex').slice(0, 24);
}
