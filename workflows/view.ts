import { CancellationScope, condition, workflowInfo } from '@temporalio/workflow';
import { localActivities } from './activities-proxy';
import { now } from './clock';

export interface KeptView {
  /** True once the latest change has been written: a run waits for it before it ends. */
  written: () => boolean;
}

/**
 * Keeps a workflow's status where the API reads it: whenever what `read`
 * answers changes, it is written to PostgreSQL (the `workflow_views` table),
 * where the API reads statuses and link pages without asking Temporal. Each
 * write is a local activity: it runs in the workflow task that made the
 * change and lands before that task's update answers go out, so whoever made
 * a change reads it back at once, and it costs the server a marker instead of
 * a scheduled activity and a visibility write. Writes are ordered by workflow
 * time and a counter, so a retried write can never move the row back.
 *
 * What `read` answers is part of the workflow's determinism: each change of
 * it is a command, so new content of a released workflow goes behind a patch.
 * `key`, when given, is what the view is made from (the view a function of it
 * and of the run's input alone), cheaper to compare: it must change exactly
 * when `read`'s answer does, since it is asked at every turn of every
 * workflow task.
 */
export function keepView(contributorId: string, read: () => unknown, key: () => unknown = read): KeptView {
  const { workflowId } = workflowInfo();
  let last: string | undefined;
  let writing = false;
  let revision = 0;
  const changed = () => JSON.stringify(key()) !== last;
  // Not cancellable: a withdrawn promotion still shows how it ended.
  void CancellationScope.nonCancellable(async () => {
    for (;;) {
      await condition(changed);
      last = JSON.stringify(key());
      writing = true;
      // A copy: the view as it was when the key was taken, whatever happens before the input is serialised.
      // Where the view is its own key, that is the key just serialised.
      const view = JSON.parse(key === read ? last : JSON.stringify(read())) as unknown;
      await localActivities.projectView({
        workflowId,
        contributorId,
        revisedAt: now().getTime(),
        revision: ++revision,
        view,
      });
      writing = false;
    }
  });
  return { written: () => !writing && !changed() };
}
