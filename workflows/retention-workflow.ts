import { activities } from './activities-proxy';

/**
 * Erases the personal data of people who left longer ago than the retention
 * period allows, and the console sessions and sign-in links past their time.
 * Started daily by a Temporal schedule (worker/schedules.ts).
 */
export async function personalDataRetentionWorkflow(): Promise<{ purged: number }> {
  await activities.dropExpiredConsoleRows();
  let purged = 0;
  for (;;) {
    const batch = await activities.purgeLeftContributors();
    purged += batch.purged.length;
    if (!batch.more) return { purged };
  }
}
