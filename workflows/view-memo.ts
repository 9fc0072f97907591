import { CancellationScope, condition, upsertMemo } from '@temporalio/workflow';

/** The memo field in which a workflow keeps its status for readers. */
export const VIEW_MEMO = 'view';

/**
 * Keeps what `read` answers in the workflow's memo whenever it changes, so
 * the API reads a status from the server (DescribeWorkflowExecution) instead
 * of asking a worker, which may have to replay the workflow to answer a
 * query. The memo is written at the end of the activation that changed the
 * status, together with an update's answer: whoever made a change reads it
 * back at once.
 *
 * What `read` answers is part of the workflow's determinism: each change of
 * it is a command, so changing what goes in changes when commands happen.
 * Put new content behind a new patch.
 */
export function keepViewInMemo(read: () => unknown): void {
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
}
