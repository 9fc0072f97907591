import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { hasPatch } from '../patches';

/**
 * Sets the attributes the lists of contributors are read by. Each upsert is
 * a visibility write on the server, so one that would change nothing (the
 * state the onboarding started with, say) is not sent; runs begun before
 * that patch send every one.
 */
export function setListAttributes(pairs: SearchAttributeUpdatePair[]): void {
  const current = workflowInfo().typedSearchAttributes;
  const changed = hasPatch('search-attributes-when-changed')
    ? pairs.filter((p) => current.get(p.key) !== p.value)
    : pairs;
  if (changed.length > 0) upsertSearchAttributes(changed);
}
