import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { workflowIdFor } from '../../domain/contributor-id';
import { contributorIdFor } from '../../platform/contributor-ids';
import { freePort } from '../../platform/free-port';
import { createLogger } from '../../platform/logger';
import type { ContributorStatus, PromotionStatus } from '../../workflows/messages';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, type TestSystem } from '../support/system';

/** The API through inject, against the real database and Temporal dev server. */
describe('contributors API', () => {
  let system: TestSystem;
  let teamLeader: string;

  beforeAll(async () => {
    system = await startSystem();
    teamLeader = await system.keyFor('team-leader');
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** `null` sends no Authorization header at all. */
  const create = (body: unknown, key: string | null = teamLeader) =>
    system.app.inject({
      method: 'POST',
      url: '/v1/contributors',
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
      payload: body as object,
    });

  /** Nothing was started and nothing was written for this email. */
  async function expectNothingFor(email: string) {
    const id = contributorIdFor('cacert-support', email);
    await expect(system.temporal.workflow.getHandle(workflowIdFor(id)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
    const rows = await system.pool.query(
      'SELECT 1 FROM contributors WHERE id = $1 UNION ALL SELECT 1 FROM audit_events WHERE contributor_id = $1',
      [id],
    );
    expect(rows.rowCount).toBe(0);
  }

  test.each([
    ['no key', null, 401, 'an API key is required'],
    ['a malformed key', 'nonsense', 401, 'unknown, revoked or expired'],
    ['a well-formed but unknown key', `tlk_${'0'.repeat(16)}_${'A'.repeat(43)}`, 401, 'unknown, revoked or expired'],
  ])('when the caller sends %s, then 401 and nothing is started', async (_what, key, status, detail) => {
    const email = `anon.${Date.now()}@example.org`;
    const response = await create({ name: 'X', email, ladder: 'cacert-support' }, key);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json<{ detail: string }>().detail).toContain(detail);
    await expectNothingFor(email);
  });

  test.each(['board', 'arbitrator', 'admin'] as const)(
    'when a %s key tries to onboard, then 403 and nothing is started',
    async (role) => {
      const email = `${role}.${Date.now()}@example.org`;
      const response = await create({ name: 'X', email, ladder: 'cacert-support' }, await system.keyFor(role));
      expect(response.statusCode).toBe(403);
      expect(response.json<{ detail: string }>().detail).toContain(`role is ${role}`);
      await expectNothingFor(email);
    },
  );

  test('when a key is revoked, then it no longer works', async () => {
    const { createApiKey, revokeApiKey } = await import('../../platform/api-keys');
    const { id, key } = await createApiKey(system.pool, {
      role: 'team-leader',
      name: 'leaving',
      ladderId: 'cacert-support',
    });
    await revokeApiKey(system.pool, id);
    expect(
      (
        await system.app.inject({
          method: 'GET',
          url: `/v1/contributors/${'a'.repeat(24)}`,
          headers: { authorization: `Bearer ${key}` },
        })
      ).statusCode,
    ).toBe(401);
  });

  test.each([
    [{ name: 'X', ladder: 'cacert-support' }, 'body.email', 'is required'],
    [{ name: 'X', email: 'not-an-address', ladder: 'cacert-support' }, 'body.email', 'format'],
    [{ name: '', email: 'e@example.org', ladder: 'cacert-support' }, 'body.name', 'fewer than 1'],
    [
      { name: 'X', email: 'e@example.org', ladder: 'cacert-support', level: 'SE' },
      'body.level',
      'not an accepted field',
    ],
    [{ name: 'X', email: 'e@example.org', ladder: 'no-such-ladder' }, 'body.ladder', 'known ladders: cacert-support'],
  ])('when the body is %j, then 400 names the field and nothing is started', async (body, field, reason) => {
    const response = await create(body);
    expect(response.statusCode).toBe(400);
    const { detail } = response.json<{ detail: string }>();
    expect(detail).toContain(field);
    expect(detail).toContain(reason);
    if ('email' in body && body.email.includes('@')) await expectNothingFor(body.email);
  });

  test('when the same contributor is onboarded twice, then the second request returns the first contributor', async () => {
    const email = `Twice.${Date.now()}@Example.org`;
    const first = await create({ name: 'Twice', email, ladder: 'cacert-support' });
    const second = await create({ name: 'Twice', email: email.toLowerCase(), ladder: 'cacert-support' });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ ...first.json(), created: false });
  });

  test('when a contributor does not exist, then 404; when the id is malformed, then 400', async () => {
    const get = (id: string) =>
      system.app.inject({
        method: 'GET',
        url: `/v1/contributors/${id}`,
        headers: { authorization: `Bearer ${teamLeader}` },
      });
    expect((await get('0'.repeat(24))).statusCode).toBe(404);
    const malformed = await get('../../etc');
    expect([400, 404]).toContain(malformed.statusCode);
    expect((await get('ZZZ')).json<{ detail: string }>().detail).toContain('params.id');
  });

  test('when a check is recorded for a step that is not open, then 409 with the reason', async () => {
    const email = `check.${Date.now()}@example.org`;
    const { id } = (await create({ name: 'Check', email, ladder: 'cacert-support' })).json<{ id: string }>();
    const record = (check: string) =>
      system.app.inject({
        method: 'POST',
        url: `/v1/contributors/${id}/checks`,
        headers: { authorization: `Bearer ${teamLeader}` },
        payload: { check },
      });
    expect((await record('assurer')).statusCode).toBe(200);
    const again = await record('assurer');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('already done');
    const unknown = await record('sponsor');
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json<{ detail: string }>().detail).toContain('not part of');
  });

  test('when a revocation is asked for, then it needs a known kind and a reason, and a withdrawal needs a promotion under way', async () => {
    const email = `leave.${Date.now()}@example.org`;
    const { id } = (await create({ name: 'Leaving', email, ladder: 'cacert-support' })).json<{ id: string }>();
    const revoke = (payload: object) =>
      system.app.inject({
        method: 'POST',
        url: `/v1/contributors/${id}/revocations`,
        headers: { authorization: `Bearer ${teamLeader}` },
        payload,
      });
    expect((await revoke({ kind: 'banish', reason: 'x' })).json<{ detail: string }>().detail).toContain('body.kind');
    expect((await revoke({ kind: 'revoke' })).json<{ detail: string }>().detail).toBe('body.reason is required');
    expect((await revoke({ kind: 'demote', reason: 'no level yet' })).json<{ detail: string }>()).toMatchObject({
      status: 409,
      detail: 'this contributor holds no level to be demoted from',
    });
    const withdrawn = await revoke({ kind: 'withdraw', reason: 'wrong person' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ level: null, promotion: { target: 'assurer', state: 'withdrawn' } });
    expect((await revoke({ kind: 'withdraw', reason: 'again' })).statusCode).toBe(409);
    const audit = await system.pool.query<{ actor: string; reason: string }>(
      "SELECT actor, details->>'reason' AS reason FROM audit_events WHERE contributor_id = $1 AND action = 'contributor.withdraw'",
      [id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ reason: 'wrong person' });
    expect(String(audit.rows[0]?.actor)).toMatch(/^team-leader:/);
  });

  test('when contributors are listed by ladder and state, then a new one appears from the search attributes', async () => {
    const email = `listed.${Date.now()}@example.org`;
    const { id } = (await create({ name: 'Listed', email, ladder: 'cacert-support' })).json<{ id: string }>();
    const list = (query: string) =>
      system.app.inject({
        method: 'GET',
        url: `/v1/contributors?${query}`,
        headers: { authorization: `Bearer ${teamLeader}` },
      });
    // Visibility follows a change by a moment.
    const listed = await eventually(
      async () => (await list('ladder=cacert-support&state=onboarding')).json<{ id: string }[]>(),
      (rows) => rows.some((r) => r.id === id),
    );
    expect(listed.find((r) => r.id === id)).toEqual({
      id,
      ladder: 'cacert-support',
      level: 'none',
      state: 'onboarding',
    });
    expect((await list('state=active')).json<{ id: string }[]>().map((r) => r.id)).not.toContain(id);
    expect((await list("ladder=x' OR 'a'='a")).statusCode).toBe(400);
  });

  test('when the OpenAPI document is fetched, then every route is in it, with its schemas', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses?: object }>>;
    }>();
    // The console's pages are for browsers, not API clients: they stay out of the document (docs/console.md).
    const declared = system.app.routeAccess.filter((r) => r.url !== '/openapi.json' && !r.url.startsWith('/console'));
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
    expect(declared.length).toBeGreaterThan(15);
    for (const { method, url } of declared) {
      const operation = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect({ route: `${method} ${url}`, responses: Object.keys(operation?.responses ?? {}).length > 0 }).toEqual({
        route: `${method} ${url}`,
        responses: true,
      });
    }
  });

  test('when the database and Temporal answer, then /healthz is 200', async () => {
    const response = await system.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
  });

  test('when a promotion is proposed while one is under way, then 409 naming it, and nothing more is started', async () => {
    const created = await create({ name: 'Busy', email: `busy.${Date.now()}@example.org`, ladder: 'cacert-support' });
    const id = created.json<{ id: string }>().id;
    const proposed = await system.app.inject({
      method: 'POST',
      url: `/v1/contributors/${id}/promotions`,
      headers: { authorization: `Bearer ${teamLeader}` },
      payload: {},
    });
    expect(proposed.statusCode).toBe(409);
    expect(proposed.json<{ detail: string }>().detail).toBe('a promotion to assurer is already under way');
    const status = await system.app.inject({
      method: 'GET',
      url: `/v1/contributors/${id}`,
      headers: { authorization: `Bearer ${teamLeader}` },
    });
    expect(status.json()).toMatchObject({ state: 'onboarding', promotion: { target: 'assurer', state: 'open' } });
    const proposals = await system.pool.query(
      "SELECT 1 FROM audit_events WHERE contributor_id = $1 AND action = 'promotion.proposed'",
      [id],
    );
    expect(proposals.rowCount).toBe(0);
  });

  test('when a team leader records a check, then both workflows have written their status to PostgreSQL by the time the answer arrives', async () => {
    const { id } = (
      await create({ name: 'Projected', email: `projected.${Date.now()}@example.org`, ladder: 'cacert-support' })
    ).json<{ id: string }>();
    const recorded = await system.app.inject({
      method: 'POST',
      url: `/v1/contributors/${id}/checks`,
      headers: { authorization: `Bearer ${teamLeader}` },
      payload: { check: 'assurer' },
    });
    expect(recorded.statusCode).toBe(200);
    const { rows } = await system.pool.query<{ workflow_id: string; view: unknown }>(
      'SELECT workflow_id, view FROM workflow_views WHERE contributor_id = $1',
      [id],
    );
    const contributor = rows.find((r) => r.workflow_id === workflowIdFor(id))!.view as ContributorStatus;
    const promotion = rows.find((r) => r.workflow_id === contributor.promotion?.workflowId)!.view as PromotionStatus;
    expect(promotion.steps.find((s) => s.id === 'check:assurer')).toMatchObject({ status: 'done' });
    expect(recorded.json<{ steps: unknown[] }>().steps).toEqual(promotion.steps);
  });

  test("when Temporal cannot be reached, then a contributor's status is still read, from PostgreSQL", async () => {
    const { id } = (
      await create({ name: 'Offline', email: `offline.${Date.now()}@example.org`, ladder: 'cacert-support' })
    ).json<{ id: string }>();
    const online = await system.app.inject({
      method: 'GET',
      url: `/v1/contributors/${id}`,
      headers: { authorization: `Bearer ${teamLeader}` },
    });
    const nowhere = new Client({
      connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: '1 second' }),
    });
    const offline = await buildApp(appDeps(system.config, system.pool, nowhere, createLogger('silent')));
    try {
      const read = await offline.inject({
        method: 'GET',
        url: `/v1/contributors/${id}`,
        headers: { authorization: `Bearer ${teamLeader}` },
      });
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(online.json());
      expect(read.json()).toMatchObject({
        name: 'Offline',
        state: 'onboarding',
        promotion: { target: 'assurer', state: 'open' },
      });
      // Whereas a change needs Temporal: 503, and nothing is recorded.
      const check = await offline.inject({
        method: 'POST',
        url: `/v1/contributors/${id}/checks`,
        headers: { authorization: `Bearer ${teamLeader}` },
        payload: { check: 'assurer' },
      });
      expect(check.statusCode).toBe(503);
      const after = await system.app.inject({
        method: 'GET',
        url: `/v1/contributors/${id}`,
        headers: { authorization: `Bearer ${teamLeader}` },
      });
      expect(after.json()).toEqual(online.json());
    } finally {
      await offline.close();
    }
  });
});
