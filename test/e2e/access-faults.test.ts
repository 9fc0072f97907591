import path from 'node:path';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { startFakeZnuny, type FakeZnuny } from '../support/fake-znuny';
import { startSystem, type TestSystem } from '../support/system';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

/**
 * Grants survive what goes wrong on the way: the worker process killed while
 * a grant is under way, and the target system down for a while. The ticket
 * system is the Znuny stand-in, reached over HTTP by a worker process of its
 * own; each entitlement is granted exactly once.
 */
describe('access when things fail', () => {
  let znuny: FakeZnuny;
  let system: TestSystem;
  let worker: WorkerProcess | undefined;
  let leader: string;
  beforeAll(async () => {
    znuny = await startFakeZnuny();
    znuny.roles.add('First').add('Second');
    system = await startSystem({ worker: false, env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders') } });
    leader = await system.keyFor('team-leader', { ladder: 'fault-club' });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => {
    await system?.stop();
    await znuny?.close();
  });

  const call = apiCaller(() => system.app);
  const startWorker = async () => (worker = await startWorkerProcess(system.config, { ZNUNY_URL: znuny.serviceUrl }));
  async function member(login: string): Promise<string> {
    znuny.agents.set(login, { Login: login, Valid: 1, Roles: new Set(), Admin: 0 });
    const { body } = await call('POST', '/v1/contributors', leader, {
      name: login,
      email: `${login}.${Date.now()}@fault.example`,
      ladder: 'fault-club',
    });
    const id = body.id as string;
    expect((await call('PUT', `/v1/contributors/${id}/identities`, leader, { otrs: login })).status).toBe(200);
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'known' })).status).toBe(200);
    return id;
  }
  const granted = async (id: string) =>
    (
      await system.pool.query<{ e: string }>(
        "SELECT details->>'entitlement' AS e FROM audit_events WHERE contributor_id = $1 AND action = 'access.granted' ORDER BY chain_seq",
        [id],
      )
    ).rows.map((r) => r.e);

  test('when the worker is killed while a grant is under way and another worker takes over, then every entitlement is granted exactly once', async () => {
    await startWorker();
    // The second role is set in Znuny, but its answer never reaches the worker: it dies first.
    let reached!: () => void;
    const secondReached = new Promise<void>((resolve) => (reached = resolve));
    znuny.hooks.afterChange = async (change) => {
      if (change !== 'AgentRoleSet ada Second 1') return;
      reached();
      await new Promise(() => undefined);
    };
    const id = await member('ada');
    await secondReached;
    await worker!.kill();
    znuny.hooks.afterChange = undefined;

    await startWorker();
    await eventually(
      () => granted(id),
      (g) => g.length === 3,
      45_000,
    );
    // Each system's grants in the file's order; the wiki's went beside them.
    const all = await granted(id);
    expect(all.filter((e) => e.startsWith('role:'))).toEqual(['role:First', 'role:Second']);
    expect([...all].sort()).toEqual(['group:Members', 'role:First', 'role:Second']);
    expect(znuny.changes.filter((c) => c.startsWith('AgentRoleSet ada'))).toEqual([
      'AgentRoleSet ada First 1',
      'AgentRoleSet ada Second 1',
    ]);
    expect([...znuny.agents.get('ada')!.Roles].sort()).toEqual(['First', 'Second']);
  }, 90_000);

  test('when the ticket system is down during a grant, then its grants are retried and land once it is back, and the other systems do not wait for it', async () => {
    await startWorker();
    znuny.down = true;
    const id = await member('bo');
    // Znuny is down: its grant is retried, its later grant waits behind it, and the wiki's goes ahead.
    await eventually(
      () => granted(id),
      (g) => g.includes('group:Members'),
      30_000,
    );
    expect(znuny.changes.filter((c) => c.startsWith('AgentRoleSet bo'))).toEqual([]);
    expect(await granted(id)).toEqual(['group:Members']);
    znuny.down = false;
    await eventually(
      () => granted(id),
      (g) => g.length === 3,
      30_000,
    );
    expect(znuny.changes.filter((c) => c.startsWith('AgentRoleSet bo'))).toEqual([
      'AgentRoleSet bo First 1',
      'AgentRoleSet bo Second 1',
    ]);
  }, 60_000);
});
