/** Contributor ids: 24 hex digits, made from the business key by platform/contributor-ids.ts. */
export const CONTRIBUTOR_ID_PATTERN = '^[a-f0-9]{24}$';

export function workflowIdFor(contributorId: string): string {
  return `contributor-${contributorId}`;
}
