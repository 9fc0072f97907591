import { startSystem, type TestSystem } from '../support/system';

/** The board's and arbitration's routes: who may call them, and what they refuse. */
describe('motions and disputes API', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    role: 'team-leader' | 'board' | 'arbitrator' | 'admin',
    payload?: object,
  ) => system.app.inject({ method, url, headers: { authorization: `Bearer ${await system.keyFor(role)}` }, payload });

  async function insertRecord(table: 'motions' | 'disputes', state: string): Promise<string> {
    const id = `contributor-test.promotion-1-se.${table === 'motions' ? 'motion' : 'dispute'}-${Date.now()}`;
    if (table === 'motions') {
      await system.pool.query(
        `INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally) VALUES ($1, 'c', 'w', 'Appoint', $2, 3, 2, '{"approve": 0, "reject": 0, "abstain": 0, "block": 0}')`,
        [id, state],
      );
    } else {
      await system.pool.query(
        `INSERT INTO disputes (id, contributor_id, workflow_id, state, filed_with, subject) VALUES ($1, 'c', 'w', $2, 'a@b', 'ABC')`,
        [id, state],
      );
    }
    return id;
  }

  test.each([
    ['GET', '/v1/motions', ['board', 'team-leader'], ['arbitrator', 'admin']],
    ['GET', '/v1/disputes', ['arbitrator', 'team-leader'], ['board', 'admin']],
    ['POST', '/v1/motions/m/votes', ['board'], ['team-leader', 'arbitrator', 'admin']],
    ['POST', '/v1/disputes/d/verdict', ['arbitrator'], ['team-leader', 'board', 'admin']],
  ] as const)('when %s %s is called, then only its roles get past 403', async (method, url, allowed, refused) => {
    const body = url.endsWith('votes')
      ? { vote: 'approve' }
      : url.endsWith('verdict')
        ? { verdict: 'positive' }
        : undefined;
    for (const role of refused) expect((await call(method, url, role, body)).statusCode).toBe(403);
    for (const role of allowed) expect((await call(method, url, role, body)).statusCode).not.toBe(403);
    expect((await system.app.inject({ method, url, payload: body })).statusCode).toBe(401);
  });

  test('when a motion or dispute does not exist, then 404', async () => {
    expect((await call('POST', '/v1/motions/no-such-motion/votes', 'board', { vote: 'approve' })).statusCode).toBe(404);
    expect(
      (await call('POST', '/v1/disputes/no-such-dispute/verdict', 'arbitrator', { verdict: 'negative' })).statusCode,
    ).toBe(404);
  });

  test('when a motion or dispute is already decided, then 409 says so and nothing changes', async () => {
    const motion = await insertRecord('motions', 'passed');
    const vote = await call('POST', `/v1/motions/${motion}/votes`, 'board', { vote: 'block', note: 'Not yet.' });
    expect(vote.statusCode).toBe(409);
    expect(vote.json<{ detail: string }>().detail).toBe('the motion is already passed');
    const dispute = await insertRecord('disputes', 'negative');
    const verdict = await call('POST', `/v1/disputes/${dispute}/verdict`, 'arbitrator', { verdict: 'positive' });
    expect(verdict.statusCode).toBe(409);
    expect((await system.pool.query('SELECT state FROM disputes WHERE id = $1', [dispute])).rows).toEqual([
      { state: 'negative' },
    ]);
  });

  test('when a vote or verdict is not one of the allowed words, then 400 names the field', async () => {
    const motion = await insertRecord('motions', 'open');
    const vote = await call('POST', `/v1/motions/${motion}/votes`, 'board', { vote: 'yes' });
    expect(vote.statusCode).toBe(400);
    const unexplained = await call('POST', `/v1/motions/${motion}/votes`, 'board', { vote: 'block', note: '  ' });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json<{ detail: string }>().detail).toBe('a block needs its reason, in note');
    expect(vote.json<{ detail: string }>().detail).toContain('body.vote');
    const listed = await call('GET', '/v1/motions?status=open', 'board');
    expect(listed.json<{ id: string }[]>().map((m) => m.id)).toContain(motion);
    expect((await call('GET', '/v1/motions?status=maybe', 'board')).statusCode).toBe(400);
  });

  test("when the board lists motions, then each carries what the candidate's sponsors and peers wrote", async () => {
    const workflowId = `contributor-stated.promotion-1-se-${Date.now()}`;
    const id = `${workflowId}.motion`;
    await system.pool.query(
      `INSERT INTO motions (id, contributor_id, workflow_id, title, state, seats, quorum, tally) VALUES ($1, 'c', $2, 'Appoint', 'open', 3, 2, '{"approve": 0, "reject": 0, "abstain": 0, "block": 0}')`,
      [id, workflowId],
    );
    const statement = {
      by: 'sponsor',
      id: 'sponsor-1',
      text: 'I have worked with them for years.',
      at: new Date().toISOString(),
    };
    await system.pool.query(
      `INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view) VALUES ($1, 'c', now(), 1, $2)`,
      [workflowId, { statements: [statement] }],
    );
    const listed = await call('GET', '/v1/motions?status=open', 'board');
    const motions = listed.json<{ id: string; statements: unknown[] }[]>();
    expect(motions.find((m) => m.id === id)?.statements).toEqual([statement]);
    // A motion whose promotion wrote no statement has none.
    expect(motions.find((m) => m.id !== id)?.statements).toEqual([]);
  });
});
