/**
 * A process started by `npm start` stops when its parent goes away, even if
 * the parent was killed too hard to tell it: the IPC channel closes then.
 */
export function exitWithParent(stop: () => unknown): void {
  if (!process.send) return;
  // The channel alone must not keep the process alive once its work has stopped.
  process.channel?.unref();
  process.once('disconnect', () => {
    void Promise.resolve(stop());
  });
}
