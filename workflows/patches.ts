import { patched } from '@temporalio/workflow';

/**
 * Every change of workflow behaviour made after the first release, by name:
 * a run begun before a change replays what it recorded, a run begun after
 * takes the new path. How to add one (`patched(name)` where the behaviour
 * forks, the name added here), test it against recorded histories and retire
 * it: docs/architecture.md, "Changing workflow code".
 */
export type Patch =
  /** Before a ping, a warning or a removal for silence, the systems the person works in are asked whether they saw them. */
  | 'signs-of-life-from-systems'
  /** A ladder whose file names no team leader still notifies the one it was handed over to. */
  | 'notices-to-current-lead'
  /** A stalled step is escalated to the candidate's reviewer, and later to the team leader if still stalled. */
  | 'escalation-to-reviewer-first';

/** Whether this run takes the patched behaviour: Temporal's `patched`, for the names above only. */
export function hasPatch(name: Patch): boolean {
  return patched(name);
}
