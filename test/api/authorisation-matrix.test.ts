import { createApiKey } from '../../platform/api-keys';
import { addStaff } from '../../platform/staff-accounts';
import { eventually } from '../../tools/testkit/eventually';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { systemState } from '../support/system-state';

/** Who calls: no key, an expired key, or a key of each role; `other-leader` leads another ladder. */
const CALLERS = ['none', 'expired', 'team-leader', 'other-leader', 'board', 'arbitrator', 'admin', 'auditor'] as const;
type Caller = (typeof CALLERS)[number];

interface Cell {
  method: 'GET' | 'POST' | 'PUT';
  /** The route as declared, to check the matrix covers every route. */
  route: string;
  url: (ids: Ids) => string;
  body?: (ids: Ids) => Record<string, unknown>;
  /** Who gets through, and what they are answered: a refusal of the business kind (404, 409) shows they got past the gate. */
  allowed: Partial<Record<Caller, number>>;
  /** What everyone gets on a route that needs no key. */
  public?: number;
}

interface Ids {
  contributor: string;
  sponsor: string;
}

const tl = (status: number) => ({ 'team-leader': status });
/** The team leader cacert-support's file names, with a staff account: the ladder's lead until a handover. */
const CACERT_LEAD = 'support-team-leader@cacert.example';
const MATRIX: Cell[] = [
  { method: 'GET', route: '/healthz', url: () => '/healthz', allowed: {}, public: 200 },
  { method: 'GET', route: '/openapi.json', url: () => '/openapi.json', allowed: {}, public: 200 },
  { method: 'GET', route: '/v1/roster', url: () => '/v1/roster', allowed: {}, public: 200 },
  { method: 'GET', route: '/links/:token', url: () => '/links/not.ours', allowed: {}, public: 400 },
  { method: 'POST', route: '/links/:token', url: () => '/links/not.ours', allowed: {}, public: 400 },
  { method: 'GET', route: '/progress/:token', url: () => '/progress/not.ours', allowed: {}, public: 404 },
  { method: 'GET', route: '/assets/:file', url: () => '/assets/style.css', allowed: {}, public: 200 },
  // Signing in needs no key; a post without the form's CSRF token is refused.
  { method: 'GET', route: '/console/sign-in', url: () => '/console/sign-in', allowed: {}, public: 200 },
  { method: 'GET', route: '/console/sign-in/:token', url: () => '/console/sign-in/not.ours', allowed: {}, public: 410 },
  {
    method: 'POST',
    route: '/console/sign-in',
    url: () => '/console/sign-in',
    body: () => ({ email: 'nobody@example.org', _csrf: 'x' }),
    allowed: {},
    public: 403,
  },
  {
    method: 'POST',
    route: '/console/sign-in/:token',
    url: () => '/console/sign-in/not.ours',
    body: () => ({ _csrf: 'x' }),
    allowed: {},
    public: 403,
  },
  {
    method: 'POST',
    route: '/console/sign-out',
    url: () => '/console/sign-out',
    body: () => ({ _csrf: 'x' }),
    allowed: {},
    public: 403,
  },
  {
    method: 'POST',
    route: '/v1/contributors',
    url: () => '/v1/contributors',
    body: () => ({
      name: 'Matrix',
      email: `matrix.${Date.now()}.${Math.random()}@example.org`,
      ladder: 'cacert-support',
    }),
    allowed: tl(201),
  },
  {
    method: 'GET',
    route: '/v1/contributors',
    url: () => '/v1/contributors?ladder=cacert-support',
    allowed: { ...tl(200), admin: 200 },
  },
  {
    method: 'GET',
    route: '/v1/contributors/:id',
    url: (ids) => `/v1/contributors/${ids.contributor}`,
    allowed: { ...tl(200), admin: 200 },
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/promotions',
    url: (ids) => `/v1/contributors/${ids.contributor}/promotions`,
    body: () => ({}),
    allowed: tl(409),
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/checks',
    url: (ids) => `/v1/contributors/${ids.contributor}/checks`,
    body: () => ({ check: 'no-such-check' }),
    allowed: tl(409),
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/revocations',
    url: (ids) => `/v1/contributors/${ids.contributor}/revocations`,
    body: () => ({ kind: 'demote', reason: 'matrix' }),
    allowed: tl(409),
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/sponsors',
    url: (ids) => `/v1/contributors/${ids.contributor}/sponsors`,
    body: (ids) => ({ sponsor: ids.sponsor }),
    allowed: tl(409),
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/reviews',
    url: (ids) => `/v1/contributors/${ids.contributor}/reviews`,
    body: () => ({ decision: 'keep', reason: 'matrix' }),
    allowed: tl(409),
  },
  {
    method: 'POST',
    route: '/v1/contributors/:id/activity',
    url: (ids) => `/v1/contributors/${ids.contributor}/activity`,
    body: () => ({ source: 'matrix' }),
    allowed: { ...tl(200), admin: 200 },
  },
  {
    method: 'GET',
    route: '/v1/contributors/:id/access',
    url: (ids) => `/v1/contributors/${ids.contributor}/access`,
    allowed: { ...tl(200), admin: 200, auditor: 200 },
  },
  {
    method: 'PUT',
    route: '/v1/contributors/:id/identities',
    url: (ids) => `/v1/contributors/${ids.contributor}/identities`,
    body: () => ({ irc: 'matrix' }),
    allowed: tl(200),
  },
  // A team leader reads the board's and the arbitrators' lists of their own ladder: another ladder's leader gets theirs.
  {
    method: 'GET',
    route: '/v1/motions',
    url: () => '/v1/motions',
    allowed: { ...tl(200), 'other-leader': 200, board: 200 },
  },
  {
    method: 'POST',
    route: '/v1/motions/:id/votes',
    url: () => '/v1/motions/no-such-motion/votes',
    body: () => ({ vote: 'approve' }),
    allowed: { board: 404 },
  },
  {
    method: 'GET',
    route: '/v1/disputes',
    url: () => '/v1/disputes',
    allowed: { ...tl(200), 'other-leader': 200, arbitrator: 200 },
  },
  {
    method: 'POST',
    route: '/v1/disputes/:id/verdict',
    url: () => '/v1/disputes/no-such-dispute/verdict',
    body: () => ({ verdict: 'positive' }),
    allowed: { arbitrator: 404 },
  },
  { method: 'GET', route: '/v1/keys', url: () => '/v1/keys', allowed: { admin: 200 } },
  {
    method: 'POST',
    route: '/v1/keys',
    url: () => '/v1/keys',
    body: () => ({ role: 'auditor', name: 'matrix' }),
    allowed: { admin: 201 },
  },
  {
    method: 'POST',
    route: '/v1/keys/:id/revocation',
    url: () => '/v1/keys/0000000000000000/revocation',
    body: () => ({}),
    allowed: { admin: 404 },
  },
  // An empty file: refused before anything is read, so a team leader of any ladder gets as far.
  {
    method: 'POST',
    route: '/v1/imports',
    url: () => '/v1/imports',
    body: () => ({ file: 'name,email\n' }),
    allowed: { 'team-leader': 400, 'other-leader': 400, admin: 400 },
  },
  // Handed to the team leader it has already: refused as a conflict.
  {
    method: 'POST',
    route: '/v1/ladders/:ladder/handover',
    url: () => '/v1/ladders/cacert-support/handover',
    body: () => ({ to: CACERT_LEAD }),
    allowed: { 'team-leader': 409, admin: 409 },
  },
  {
    method: 'GET',
    route: '/v1/ladders/:ladder/reviewers',
    url: () => '/v1/ladders/cacert-support/reviewers',
    allowed: { 'team-leader': 200, admin: 200 },
  },
  {
    method: 'PUT',
    route: '/v1/ladders/:ladder/reviewers/:staffId',
    url: () => '/v1/ladders/cacert-support/reviewers/0000000000000000',
    body: () => ({ capacity: 3 }),
    allowed: { 'team-leader': 404, admin: 404 },
  },
  {
    method: 'PUT',
    route: '/v1/contributors/:id/reviewer',
    url: (ids) => `/v1/contributors/${ids.contributor}/reviewer`,
    body: () => ({ reviewer: '0000000000000000' }),
    allowed: { 'team-leader': 400, admin: 400 },
  },
  { method: 'GET', route: '/v1/audit', url: () => '/v1/audit', allowed: { admin: 200, auditor: 200 } },
  {
    method: 'GET',
    route: '/v1/audit/export',
    url: () => '/v1/audit/export?format=csv',
    allowed: { admin: 200, auditor: 200 },
  },
  {
    method: 'GET',
    route: '/v1/audit/verification',
    url: () => '/v1/audit/verification',
    allowed: { admin: 200, auditor: 200 },
  },
];

/** What a caller gets at a cell: the public answer, the allowed answer, 401 without a valid key, 403 with the wrong one. */
function expected(cell: Cell, caller: Caller): number {
  if (cell.public !== undefined) return cell.public;
  if (caller === 'none' || caller === 'expired') return 401;
  return cell.allowed[caller] ?? 403;
}

/**
 * Every route, called by every role and by none: the expected status in each
 * cell, and nothing changed by any call that was refused.
 */
describe('authorisation matrix', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  const keys = {} as Record<Exclude<Caller, 'none'>, string>;
  const ids = {} as Ids;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
    keys['team-leader'] = await system.keyFor('team-leader');
    await addStaff(system.pool, { email: CACERT_LEAD, role: 'team-leader', ladderId: 'cacert-support' });
    keys['other-leader'] = await system.keyFor('team-leader', { ladder: 'pirate-party-it' });
    for (const role of ['board', 'arbitrator', 'admin', 'auditor'] as const) keys[role] = await system.keyFor(role);
    keys.expired = (
      await createApiKey(system.pool, { role: 'admin', name: 'expired', expiresAt: new Date(Date.now() - 1000) })
    ).key;
    for (const who of ['contributor', 'sponsor'] as const) {
      const email = `${who}.${Date.now()}@matrix.example`;
      const created = await call('POST', '/v1/contributors', keys['team-leader'], {
        name: who,
        email,
        ladder: 'cacert-support',
      });
      ids[who] = created.json<{ id: string }>().id;
      await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    }
    // The welcome mail's audit row lands just after the mail: wait for it, so the state compared below is settled.
    await eventually(
      async () =>
        (
          await system.pool.query(
            "SELECT 1 FROM audit_events WHERE action = 'mail.sent' AND contributor_id = ANY($1)",
            [[ids.contributor, ids.sponsor]],
          )
        ).rowCount,
      (count) => count === 2,
    );
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  function call(method: Cell['method'], url: string, key: string | undefined, body?: Record<string, unknown>) {
    return system.app.inject({
      method,
      url,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      ...(body ? { payload: body } : {}),
    });
  }

  test('the matrix has a row for every route the API declares', () => {
    // The console's pages take a session, not a key: the test below, and test/e2e/staff-console.test.ts.
    const declared = system.app.routeAccess
      .filter((r) => !('by' in r.access && r.access.by === 'session'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(MATRIX.map((c) => `${c.method} ${c.route}`).sort()).toEqual(declared);
  });

  test('when nobody is signed in, then every console page and form sends them to sign in, even with a key', async () => {
    const consoleRoutes = system.app.routeAccess.filter((r) => 'by' in r.access && r.access.by === 'session');
    expect(consoleRoutes.length).toBeGreaterThan(10);
    const admin = keys.admin;
    for (const route of consoleRoutes) {
      const url = route.url
        .replace(':ladder', 'cacert-support')
        .replace(':id', ids.contributor)
        .replace(':token', 'not.ours');
      for (const key of [undefined, admin]) {
        const response = await system.app.inject({
          method: route.method as 'GET' | 'POST',
          url,
          headers: key ? { authorization: `Bearer ${key}` } : {},
          ...(route.method === 'POST' ? { payload: {} } : {}),
        });
        expect([`${route.method} ${route.url}`, response.statusCode]).toEqual([`${route.method} ${route.url}`, 303]);
        expect(response.headers.location).toMatch(/^\/console\/sign-in/);
      }
    }
  });

  test('when every caller calls every route, then each gets the status of its cell, and no refused call changes anything', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    const before = await systemState(system, ids.contributor);
    for (const cell of MATRIX) {
      for (const caller of CALLERS) {
        const status = expected(cell, caller);
        if (status < 400 || cell.public !== undefined) continue;
        const response = await call(
          cell.method,
          cell.url(ids),
          caller === 'none' ? undefined : keys[caller],
          cell.body?.(ids),
        );
        outcomes.push(`${cell.method} ${cell.route} as ${caller}: ${response.statusCode}`);
        wanted.push(`${cell.method} ${cell.route} as ${caller}: ${status}`);
      }
    }
    expect(await systemState(system, ids.contributor)).toEqual(before);

    for (const cell of MATRIX) {
      for (const caller of CALLERS) {
        const status = expected(cell, caller);
        if (status >= 400 && cell.public === undefined) continue;
        const response = await call(
          cell.method,
          cell.url(ids),
          caller === 'none' ? undefined : keys[caller],
          cell.body?.(ids),
        );
        outcomes.push(`${cell.method} ${cell.route} as ${caller}: ${response.statusCode}`);
        wanted.push(`${cell.method} ${cell.route} as ${caller}: ${status}`);
      }
    }
    expect(outcomes).toEqual(wanted);
  }, 60_000);

  test('when a refusal is answered, then it is problem details naming why', async () => {
    const cases = [
      [undefined, 401, 'an API key is required'],
      [keys.expired, 401, 'unknown, revoked or expired'],
      [keys.board, 403, 'this route is for team-leader or admin'],
      [keys['other-leader'], 403, 'this key acts on ladder "pirate-party-it" only'],
    ] as const;
    for (const [key, status, detail] of cases) {
      const response = await call('GET', `/v1/contributors/${ids.contributor}`, key);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status });
      expect(response.json<{ detail: string }>().detail).toContain(detail);
    }
  });
});
