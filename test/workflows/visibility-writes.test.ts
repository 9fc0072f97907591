import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import { statusQuery } from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { LADDER, toSenior, withContributor, type Run } from '../support/ladder-harness';
import { timeSkippingEnvironment } from '../support/time-skipping';

/** Every value the contributor's workflow has upserted for the state attribute, in order. */
async function statesUpserted(run: Run): Promise<string[]> {
  const { events } = await run.contributor.fetchHistory();
  return (events ?? []).flatMap((e) => {
    const state =
      e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[STATE_ATTRIBUTE.name];
    return state?.data ? [JSON.parse(Buffer.from(state.data).toString()) as string] : [];
  });
}

/** Search attributes set by the workflows: each set is a visibility write on the server. */
describe('search attributes', () => {
  let env: TestWorkflowEnvironment;
  beforeEach(async () => {
    env = await timeSkippingEnvironment();
  });
  afterEach(async () => {
    await env?.teardown();
  });

  test('when the API has started a contributor as onboarding, then the entry does not set it again, and each later change is set once', async () => {
    const asTheApiStarts = {
      typedSearchAttributes: [
        { key: LEVEL_ATTRIBUTE, value: 'none' },
        { key: STATE_ATTRIBUTE, value: 'onboarding' },
      ],
    };
    await withContributor(
      env,
      LADDER,
      async (run) => {
        await toSenior(run);
        await eventually(
          () => run.contributor.query(statusQuery),
          (s) => s.state === 'promoting',
        );
        expect(await statesUpserted(run)).toEqual(['active', 'promoting']);
        const { typedSearchAttributes } = await run.contributor.describe();
        expect([typedSearchAttributes.get(LEVEL_ATTRIBUTE), typedSearchAttributes.get(STATE_ATTRIBUTE)]).toEqual([
          'member',
          'promoting',
        ]);
      },
      undefined,
      asTheApiStarts,
    );
  });

  test('when a promotion starts, then it sets no search attribute of its own', async () => {
    await withContributor(env, LADDER, async (run) => {
      const senior = await toSenior(run);
      const { events } = await run.promotion(senior).fetchHistory();
      expect((events ?? []).filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toEqual([]);
    });
  });
});
