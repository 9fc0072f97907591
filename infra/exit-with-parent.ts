/**
 * A process started by `npm start` stops when its parent goes away, even if
 * the parent was killed too hard to tell it: the IPC channel closes then.
 */
export function exitWithParent(stop: () => unknown): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    void Promise.resolve(stop());
  });
}
