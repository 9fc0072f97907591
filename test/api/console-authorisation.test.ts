import { promisify } from 'node:util';
import type { Session as StoredSession } from 'fastify';
import { PgSessionStore } from '../../api/console/session-store';
import { deleteSessionsOf, recordSignInLink } from '../../store/console-sessions';
import { addStaff, removeStaffAccess } from '../../platform/staff-accounts';
import { signSignIn } from '../../platform/link-token';
import type { Role } from '../../platform/roles';
import { csrfTokenIn, sessionCookieIn } from '../../tools/testkit/console-form';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { apiCaller } from '../support/api-call';
import { startSystem, testConfig, type TestSystem } from '../support/system';
import { buildApp } from '../../api/app';
import { appDeps } from '../../api/deps';
import { createLogger } from '../../platform/logger';

/** Who calls: nobody signed in, or a staff member of each role; `other-leader` leads another ladder. */
const CALLERS = ['none', 'team-leader', 'other-leader', 'board', 'arbitrator', 'admin', 'auditor'] as const;
type Caller = (typeof CALLERS)[number];
const STAFF: Record<Exclude<Caller, 'none'>, { role: Role; ladderId?: string }> = {
  'team-leader': { role: 'team-leader', ladderId: 'cacert-support' },
  'other-leader': { role: 'team-leader', ladderId: 'pirate-party-it' },
  board: { role: 'board' },
  arbitrator: { role: 'arbitrator' },
  admin: { role: 'admin' },
  auditor: { role: 'auditor' },
};

interface Cell {
  method: 'GET' | 'POST';
  route: string;
  url: (contributor: string) => string;
  body?: Record<string, string>;
  /** Who gets through, and with what: a business refusal (404, 409) shows they got past the gate. Everyone else: 403. */
  allowed: Partial<Record<Caller, number>>;
}

const ALL_STAFF = { 'team-leader': 200, 'other-leader': 200, board: 200, arbitrator: 200, admin: 200, auditor: 200 };
const CONTRIBUTOR = (id: string) => `/console/contributors/${id}`;
/** The team leader cacert-support's file names, with a staff account: the ladder's lead until a handover. */
const CACERT_LEAD = 'support-team-leader@cacert.example';
const MATRIX: Cell[] = [
  { method: 'GET', route: '/console', url: () => '/console', allowed: ALL_STAFF },
  {
    method: 'GET',
    route: '/console/ladders/:ladder',
    url: () => '/console/ladders/cacert-support',
    allowed: { 'team-leader': 200, admin: 200 },
  },
  {
    method: 'GET',
    route: '/console/ladders/:ladder/pipeline.csv',
    url: () => '/console/ladders/cacert-support/pipeline.csv',
    allowed: { 'team-leader': 200, admin: 200 },
  },
  {
    method: 'POST',
    route: '/console/ladders/:ladder/contributors',
    url: () => '/console/ladders/cacert-support/contributors',
    body: { name: 'Matrix', email: `matrix.${Date.now()}@example.org` },
    allowed: { 'team-leader': 303 },
  },
  {
    method: 'GET',
    route: '/console/ladders/:ladder/team',
    url: () => '/console/ladders/cacert-support/team',
    allowed: { 'team-leader': 200, admin: 200 },
  },
  {
    method: 'POST',
    route: '/console/ladders/:ladder/reviewers/:staffId',
    url: () => '/console/ladders/cacert-support/reviewers/0000000000000000',
    body: { capacity: '3' },
    allowed: { 'team-leader': 404, admin: 404 },
  },
  // No file chosen: refused before anything is read.
  {
    method: 'POST',
    route: '/console/ladders/:ladder/imports',
    url: () => '/console/ladders/cacert-support/imports',
    body: { dryRun: 'yes' },
    allowed: { 'team-leader': 400, admin: 400 },
  },
  // Handed to the team leader it has already: refused as a conflict.
  {
    method: 'POST',
    route: '/console/ladders/:ladder/handover',
    url: () => '/console/ladders/cacert-support/handover',
    body: { to: CACERT_LEAD },
    allowed: { 'team-leader': 409, admin: 409 },
  },
  { method: 'GET', route: '/console/contributors/:id', url: CONTRIBUTOR, allowed: { 'team-leader': 200, admin: 200 } },
  {
    method: 'POST',
    route: '/console/contributors/:id/reviewer',
    url: (id) => `${CONTRIBUTOR(id)}/reviewer`,
    body: { reviewer: '0000000000000000' },
    allowed: { 'team-leader': 400 },
  },
  {
    method: 'GET',
    route: '/console/contributors/:id/access',
    url: (id) => `${CONTRIBUTOR(id)}/access`,
    allowed: { 'team-leader': 200, admin: 200, auditor: 200 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/identities',
    url: (id) => `${CONTRIBUTOR(id)}/identities`,
    body: { system: 'irc', identity: 'matrix' },
    allowed: { 'team-leader': 303 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/checks',
    url: (id) => `${CONTRIBUTOR(id)}/checks`,
    body: { check: 'no-such-check' },
    allowed: { 'team-leader': 409 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/promotions',
    url: (id) => `${CONTRIBUTOR(id)}/promotions`,
    body: {},
    allowed: { 'team-leader': 409 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/sponsors',
    url: (id) => `${CONTRIBUTOR(id)}/sponsors`,
    body: { sponsor: '0123456789abcdef01234567' },
    allowed: { 'team-leader': 409 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/revocations',
    url: (id) => `${CONTRIBUTOR(id)}/revocations`,
    body: { kind: 'demote', reason: 'matrix' },
    allowed: { 'team-leader': 409 },
  },
  {
    method: 'POST',
    route: '/console/contributors/:id/reviews',
    url: (id) => `${CONTRIBUTOR(id)}/reviews`,
    body: { decision: 'keep', reason: 'matrix' },
    allowed: { 'team-leader': 409 },
  },
  {
    method: 'GET',
    route: '/console/motions',
    url: () => '/console/motions',
    allowed: { 'team-leader': 200, 'other-leader': 200, board: 200 },
  },
  {
    method: 'GET',
    route: '/console/motions/:id',
    url: () => '/console/motions/no-such-motion',
    allowed: { 'team-leader': 404, 'other-leader': 404, board: 404 },
  },
  {
    method: 'POST',
    route: '/console/motions/:id/votes',
    url: () => '/console/motions/no-such-motion/votes',
    body: { vote: 'approve' },
    allowed: { board: 404 },
  },
  {
    method: 'GET',
    route: '/console/disputes',
    url: () => '/console/disputes',
    allowed: { 'team-leader': 200, 'other-leader': 200, arbitrator: 200 },
  },
  {
    method: 'GET',
    route: '/console/disputes/:id',
    url: () => '/console/disputes/no-such-dispute',
    allowed: { 'team-leader': 404, 'other-leader': 404, arbitrator: 404 },
  },
  {
    method: 'POST',
    route: '/console/disputes/:id/verdict',
    url: () => '/console/disputes/no-such-dispute/verdict',
    body: { verdict: 'negative' },
    allowed: { arbitrator: 404 },
  },
  { method: 'GET', route: '/console/audit', url: () => '/console/audit', allowed: { admin: 200, auditor: 200 } },
  {
    method: 'GET',
    route: '/console/audit.csv',
    url: () => '/console/audit.csv',
    allowed: { admin: 200, auditor: 200 },
  },
  { method: 'GET', route: '/console/staff', url: () => '/console/staff', allowed: { admin: 200 } },
  {
    method: 'POST',
    route: '/console/staff',
    url: () => '/console/staff',
    body: { email: `matrix.board.${Date.now()}@console.example`, role: 'board' },
    allowed: { admin: 303 },
  },
  {
    method: 'POST',
    route: '/console/staff/removals',
    url: () => '/console/staff/removals',
    body: { email: 'nobody@console.example' },
    allowed: { admin: 404 },
  },
  {
    method: 'GET',
    route: '/console/stats',
    url: () => '/console/stats',
    allowed: { 'team-leader': 200, 'other-leader': 200, board: 200, admin: 200, auditor: 200 },
  },
];

/** A signed-in session: its cookie, and a CSRF token for its forms. */
interface Session {
  cookie: string;
  csrf: string;
}

/**
 * Every console route, for every role and for nobody, signed in as a person
 * is (a sign-in link used through its page): the status of each cell, and a
 * form of the console refused without its CSRF token.
 */
describe('console authorisation matrix', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let contributor: string;
  const sessions = {} as Record<Exclude<Caller, 'none'>, Session>;

  /** Signs in as the account, through the sign-in link's own page and form. */
  async function signIn(staffId: string): Promise<Session> {
    const id = `matrix-${staffId}-${Math.random().toString(36).slice(2)}`;
    const expiresAt = new Date(Date.now() + 60_000);
    await recordSignInLink(system.pool, { id, staffId, expiresAt });
    const url = `/console/sign-in/${signSignIn({ sid: id, exp: Math.floor(expiresAt.getTime() / 1000) }, system.app.signingKeys[0]!)}`;
    const page = await system.app.inject({ method: 'GET', url });
    const pre = sessionCookieIn(page.headers['set-cookie']);
    const done = await system.app.inject({
      method: 'POST',
      url,
      headers: { cookie: pre },
      payload: { _csrf: csrfTokenIn(page.body) },
    });
    expect(done.statusCode).toBe(303);
    const cookie = sessionCookieIn(done.headers['set-cookie']);
    const home = await system.app.inject({ method: 'GET', url: '/console', headers: { cookie } });
    return { cookie, csrf: csrfTokenIn(home.body) };
  }

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
    const key = await system.keyFor('team-leader');
    const email = `matrix.${Date.now()}@console.example`;
    contributor = (
      await apiCaller(() => system.app)('POST', '/v1/contributors', key, {
        name: 'Matrix',
        email,
        ladder: 'cacert-support',
      })
    ).body.id as string;
    await addStaff(system.pool, { email: CACERT_LEAD, role: 'team-leader', ladderId: 'cacert-support' });
    for (const [caller, grant] of Object.entries(STAFF)) {
      const { account } = await addStaff(system.pool, { email: `${caller}.${Date.now()}@console.example`, ...grant });
      sessions[caller as Exclude<Caller, 'none'>] = await signIn(account.id);
    }
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  test('the matrix has a row for every console route that takes a session', () => {
    const declared = system.app.routeAccess
      .filter((r) => 'by' in r.access && r.access.by === 'session')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(MATRIX.map((c) => `${c.method} ${c.route}`).sort()).toEqual(declared);
  });

  test('when every caller opens every page and posts every form, then each gets the status of its cell', async () => {
    const outcomes: string[] = [];
    const wanted: string[] = [];
    for (const cell of MATRIX)
      for (const caller of CALLERS) {
        const session = caller === 'none' ? undefined : sessions[caller];
        const response = await system.app.inject({
          method: cell.method,
          url: cell.url(contributor),
          headers: session ? { cookie: session.cookie, origin: system.config.PUBLIC_URL! } : {},
          ...(cell.body ? { payload: { ...cell.body, ...(session ? { _csrf: session.csrf } : {}) } } : {}),
        });
        outcomes.push(`${cell.method} ${cell.route} as ${caller}: ${response.statusCode}`);
        const expected = caller === 'none' ? 303 : (cell.allowed[caller] ?? 403);
        wanted.push(`${cell.method} ${cell.route} as ${caller}: ${expected}`);
      }
    expect(outcomes).toEqual(wanted);
  });

  test('when a form is posted without its CSRF token, or from another site, then it is refused and nothing changes', async () => {
    const before = await system.pool.query('SELECT count(*) FROM audit_events');
    const { cookie, csrf } = sessions['team-leader'];
    const url = `/console/contributors/${contributor}/revocations`;
    const body = { kind: 'revoke', reason: 'forged' };
    const missing = await system.app.inject({ method: 'POST', url, headers: { cookie }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('This form has expired');
    const forged = await system.app.inject({
      method: 'POST',
      url,
      headers: { cookie },
      payload: { ...body, _csrf: 'x' },
    });
    expect(forged.statusCode).toBe(403);
    const crossSite = await system.app.inject({
      method: 'POST',
      url,
      headers: { cookie, origin: 'https://elsewhere.example' },
      payload: { ...body, _csrf: csrf },
    });
    expect(crossSite.statusCode).toBe(403);
    expect((await system.pool.query('SELECT count(*) FROM audit_events')).rows).toEqual(before.rows);
  });

  test('when an account loses a role or is removed, then its sessions end', async () => {
    const { account } = await addStaff(system.pool, { email: `leaving.${Date.now()}@console.example`, role: 'board' });
    const { cookie } = await signIn(account.id);
    expect((await system.app.inject({ method: 'GET', url: '/console/motions', headers: { cookie } })).statusCode).toBe(
      200,
    );
    await addStaff(system.pool, { email: account.email, role: 'auditor' });
    const after = await system.app.inject({ method: 'GET', url: '/console/motions', headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Fmotions');

    const again = await signIn(account.id);
    expect(
      (await system.app.inject({ method: 'GET', url: '/console', headers: { cookie: again.cookie } })).statusCode,
    ).toBe(200);
    await removeStaffAccess(system.pool, { email: account.email });
    const removed = await system.app.inject({ method: 'GET', url: '/console', headers: { cookie: again.cookie } });
    expect(removed.statusCode).toBe(303);
    expect((await system.pool.query('SELECT 1 FROM console_sessions WHERE staff_id = $1', [account.id])).rows).toEqual(
      [],
    );
  });

  test('when a request under way saves a session its account lost meanwhile, then the session stays ended', async () => {
    const store = new PgSessionStore(system.pool, 60_000);
    const set = promisify(store.set.bind(store));
    const get = promisify<string, StoredSession | null | undefined>(store.get.bind(store));
    const { account } = await addStaff(system.pool, { email: `racing.${Date.now()}@console.example`, role: 'board' });
    const id = `racing-${Date.now()}`;
    await set(id, { staffId: account.id, signedInAt: Date.now(), seenAt: Date.now() } as StoredSession);
    const underWay = (await get(id))!;
    expect(underWay.staffId).toBe(account.id);
    await deleteSessionsOf(system.pool, account.id);
    await set(id, { ...underWay, seenAt: Date.now() });
    expect(await get(id)).toBeNull();
  });

  test('when someone asks for a sign-in link, then the answer is the same whether the address has an account or not', async () => {
    const ask = async (email: string) => {
      const page = await system.app.inject({ method: 'GET', url: '/console/sign-in' });
      const cookie = sessionCookieIn(page.headers['set-cookie']);
      const answer = await system.app.inject({
        method: 'POST',
        url: '/console/sign-in',
        headers: { cookie },
        payload: { email, _csrf: csrfTokenIn(page.body) },
      });
      return { status: answer.statusCode, body: answer.body.replace(email, '<email>') };
    };
    const known = `known.${Date.now()}@console.example`;
    await addStaff(system.pool, { email: known, role: 'auditor' });
    const unknown = `unknown.${Date.now()}@console.example`;
    // The unknown address first: by the time the known one's mail is in, its own turn is long over.
    const unknownAnswer = await ask(unknown);
    expect(await ask(known)).toEqual(unknownAnswer);
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(known));
    expect(mail.subject).toBe('Your sign-in link for the trustladder console');
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes(unknown))).toBe(false);
  });

  test('over https the session cookie is Secure and bound to the origin, and asking for sign-in mail is limited', async () => {
    const config = testConfig({
      PUBLIC_URL: 'https://console.example',
      TRUST_PROXY: '127.0.0.1',
      CONSOLE_SIGN_IN_PER_HOUR: '2',
    });
    const app = await buildApp(appDeps(config, system.pool, system.temporal, createLogger('silent')));
    try {
      const https = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'console.example' };
      const page = await app.inject({ method: 'GET', url: '/console/sign-in', headers: https });
      const setCookie = String(page.headers['set-cookie']);
      expect(setCookie).toMatch(/^__Host-trustladder=/);
      expect(setCookie.split('; ')).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']));
      const ask = () =>
        app.inject({
          method: 'POST',
          url: '/console/sign-in',
          headers: { ...https, cookie: setCookie.split(';')[0]!, origin: 'https://console.example' },
          payload: { email: `nobody.${Date.now()}@console.example`, _csrf: csrfTokenIn(page.body) },
        });
      expect([(await ask()).statusCode, (await ask()).statusCode]).toEqual([200, 200]);
      const limited = await ask();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('text/html');
    } finally {
      await app.close();
    }
  });
});
