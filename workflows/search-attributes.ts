import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Lets lists of contributors by ladder, level or state come from Temporal's visibility, without a scan. */
export const LADDER_ATTRIBUTE = defineSearchAttributeKey('TrustLadderLadder', SearchAttributeType.KEYWORD);
export const LEVEL_ATTRIBUTE = defineSearchAttributeKey('TrustLadderLevel', SearchAttributeType.KEYWORD);
export const STATE_ATTRIBUTE = defineSearchAttributeKey('TrustLadderState', SearchAttributeType.KEYWORD);

/** The same keys as the dev server's `--search-attribute NAME=TYPE` flags take them. */
export const SEARCH_ATTRIBUTES: Record<string, string> = {
  [LADDER_ATTRIBUTE.name]: 'Keyword',
  [LEVEL_ATTRIBUTE.name]: 'Keyword',
  [STATE_ATTRIBUTE.name]: 'Keyword',
};
