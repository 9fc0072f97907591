import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';

/**
 * Sets the attributes the lists of contributors are read by. Each upsert is
 * a visibility write on the server, so one that would change nothing (the
 * state the onboarding started with, say) is not sent.
 */
export function setListAttributes(pairs: SearchAttributeUpdatePair[]): void {
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter((p) => current.get(p.key) !== p.value);
  if (changed.length > 0) upsertSearchAttributes(changed);
}
