/**
 * `npm run purge [-- --dry-run]`: erases now the personal data of contributors
 * who left longer ago than PERSONAL_DATA_RETENTION_DAYS, as the daily schedule
 * does. With --dry-run, only says who is due.
 */
import { parseArgs } from 'node:util';
import { purgePersonalData } from '../activities/personal-data-purge';
import { runCommand, withDatabase } from './command-line';

const USAGE = 'usage:\n  npm run purge [-- --dry-run]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean', default: false } } });
  const dryRun = values['dry-run'];
  const { purged, days } = await withDatabase('purge', async (pool, config) => {
    const ids: string[] = [];
    for (;;) {
      const batch = await purgePersonalData(pool, {
        retentionDays: config.PERSONAL_DATA_RETENTION_DAYS,
        dryRun,
        limit: dryRun ? 10_000 : 100,
      });
      ids.push(...batch.purged);
      if (dryRun || !batch.more) return { purged: ids, days: config.PERSONAL_DATA_RETENTION_DAYS };
    }
  });
  console.log(
    `${dryRun ? 'due for purging' : 'purged'}: ${purged.length} contributor(s) who left more than ${days} days ago${purged.length ? `: ${purged.join(', ')}` : ''}`,
  );
}

runCommand(USAGE, () => main(process.argv.slice(2)));
