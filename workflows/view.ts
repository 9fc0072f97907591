import { keepViewInMemo } from './view-memo';
import { keepViewProjected, type KeptView } from './view-projection';
import { hasPatch } from './patches';

export type { KeptView };

/**
 * Keeps a workflow's status where the API reads it: in PostgreSQL for runs
 * begun with this code, in the memo for runs begun before that, and nowhere
 * for runs older still (the API asks them by query).
 *
 * What `read` answers is part of the workflow's determinism: each change of
 * it is a command, so changing what goes in changes when commands happen.
 * Put new content behind a new patch. `key`, when given, is what the view is
 * made from (the view a function of it and of the run's input alone), cheaper
 * to compare: it must change exactly when `read`'s answer does.
 */
export function keepView(contributorId: string, read: () => unknown, key?: () => unknown): KeptView {
  if (hasPatch('view-projection')) return keepViewProjected(contributorId, read, key);
  if (hasPatch('view-memo')) return keepViewInMemo(read);
  return { written: () => true };
}
