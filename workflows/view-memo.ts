import { CancellationScope, condition, upsertMemo } from '@temporalio/workflow';
import type { KeptView } from './view-projection';

/** The memo field in which a workflow keeps its status for readers. */
export const VIEW_MEMO = 'view';

/**
 * Keeps what `read` answers in the workflow's memo whenever it changes, so
 * the API reads a status from the server (DescribeWorkflowExecution) instead
 * of asking a worker. How runs begun before view-projection.ts keep theirs.
 * The memo is written at the end of the activation that changed the status,
 * together with an update's answer.
 */
export function keepViewInMemo(read: () => unknown): KeptView {
  let last: string | undefined;
  const changed = () => JSON.stringify(read()) !== last;
  // Not cancellable: a withdrawn promotion still shows how it ended.
  void CancellationScope.nonCancellable(async () => {
    for (;;) {
      await condition(changed);
      last = JSON.stringify(read());
      upsertMemo({ [VIEW_MEMO]: JSON.parse(last) as unknown });
    }
  });
  return { written: () => true };
}
