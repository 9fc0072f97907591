/**
 * Workflow time. Inside a workflow the SDK replaces `Date` with the
 * deterministic workflow clock, which is the only time workflow code may read.
 */
export function now(): Date {
  // eslint-disable-next-line no-restricted-properties -- this is the one sanctioned read of the workflow clock
  return new Date(Date.now());
}
