import { CancellationScope, condition } from '@temporalio/workflow';
import { now } from '../clock';
import { aliveness } from './aliveness';
import type { Duty } from './duty';
import { recheck } from './recheck';
import { reviews } from './reviews';
import type { ContributorContext, Standing } from './standing';

/**
 * Keeping trust current while a level is held: conditions checked again
 * (recheck.ts), signs of life asked for (aliveness.ts), reviews by the team
 * leader (reviews.ts). One loop waits for whichever duty falls due first; all
 * its timers are durable, and each duty is audited.
 */
export function handleUpkeep(ctx: ContributorContext, changes: Standing) {
  const { status } = ctx;
  const conditions = recheck(ctx, changes);
  const alive = aliveness(ctx, changes);
  const review = reviews(ctx, changes);

  /** What falls due next, and when; only what applies to where the contributor stands now. */
  const duties = (): Duty[] =>
    status.state === 'left'
      ? []
      : [...conditions.duties(), ...alive.duties(), ...review.duties()].sort((a, b) => a.at - b.at);
  // Anything that changes what is due (a sign of life, a new level, a ladder file with other times) wakes the loop.
  const plan = () => JSON.stringify(duties().map((d) => [d.kind, d.at]));

  return {
    signOfLife: () => alive.signOfLife(),
    /** The messages upkeep takes, for the workflow to register with its others. */
    alivePage: alive.page,
    answerAlive: alive.answer,
    reportAlive: alive.report,
    seen: alive.seen,
    review: review.review,
    flag: review.flag,

    run: async (): Promise<void> => {
      while (status.state !== 'left') {
        const next = duties()[0];
        const before = plan();
        const changed = () => plan() !== before;
        const wait = next ? next.at - now().getTime() : undefined;
        if (wait === undefined) {
          await condition(changed);
          continue;
        }
        if (wait > 0 && (await condition(changed, wait))) continue;
        // Once begun, a duty finishes even when the loop is being stopped for continue-as-new.
        await CancellationScope.nonCancellable(() =>
          changes.exclusive(async () => {
            const still = duties().find((d) => d.kind === next!.kind && d.at <= now().getTime());
            if (still) await still.act();
          }),
        );
      }
    },
  };
}
