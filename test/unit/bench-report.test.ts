import { engineCpu } from '../../bench/report';

/** The benchmark's CPU ratio over the Temporal server and the worker alone, beside the headline ratio. */
describe('engine CPU ratio', () => {
  test('when both sides used the server and a worker, then the ratio is theirs alone, without the API, PostgreSQL or the load', () => {
    const contributor = { temporal: 271, worker: 254, api: 37, postgres: 34, bench: 28, total: 643 };
    const floor = { temporal: 232, 'floor worker': 159, bench: 19, total: 428 };

    expect(engineCpu(contributor, floor)).toEqual({ contributorMs: 525, floorMs: 391, ratio: 0.74 });
  });

  test('when a part used under 1% of the CPU and was left out of the figures, then it counts as nothing', () => {
    expect(engineCpu({ temporal: 300, total: 300 }, { temporal: 150, 'floor worker': 150, total: 300 })).toEqual({
      contributorMs: 300,
      floorMs: 300,
      ratio: 1,
    });
  });
});
