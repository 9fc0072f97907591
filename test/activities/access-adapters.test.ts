import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import type { AccessSystem } from '../../activities/access/access-system';
import { createAccessActivities } from '../../activities/access/access-activities';
import { directorySystem } from '../../activities/access/directory';
import { mailmanSystem } from '../../activities/access/mailman';
import { mediawikiSystem } from '../../activities/access/mediawiki';
import { moinSystem } from '../../activities/access/moinmoin';
import { znunySystem } from '../../activities/access/znuny';
import { createPool } from '../../store/pool';
import type { FakeServer } from '../support/fake-http';
import { startAtheme } from '../support/atheme-server';
import { startMailman, type MailmanServer } from '../support/mailman-server';
import { startMediaWiki } from '../support/mediawiki-server';
import { athemeSystem } from '../../activities/access/atheme';
import { startFakeMailman } from '../support/fake-mailman';
import { BOT, startFakeMediaWiki } from '../support/fake-mediawiki';
import { MOIN_EDITOR, startFakeMoinMoin } from '../support/fake-moinmoin';
import { startFakeZnuny } from '../support/fake-znuny';

/** One adapter under test, with what the contract needs of its target. */
interface Target {
  system: AccessSystem;
  /** Two entitlements the target knows. */
  entitlements: [string, string];
  /** Makes an account for `name` the target knows, and answers its identity there (a list member is an address). */
  account(name: string): string | Promise<string>;
  stop(): Promise<void>;
}

interface ExternalTarget extends Target {
  /** Takes the system away (a 503, a stopped process), and brings it back. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** An entitlement the target does not know, or trustladder may not set. */
  unknown: string;
  /** The same adapter with wrong credentials. */
  wrongCredentials: AccessSystem;
  /** An identity the system has no account for; undefined where any identity can be given access (a group page lists any name). */
  stranger?: string;
  /** The person works in the system (an edit, a login), where the system can tell when they last did. */
  atWork?: (identity: string) => void | Promise<void>;
}

let pool: Pool;
beforeAll(() => {
  pool = createPool(process.env.TEST_DATABASE_URL!);
});
afterAll(async () => {
  await pool?.end();
});

/** An in-process stand-in is down while it answers 503. */
const outage = (server: FakeServer) => ({
  down: async () => void (server.down = true),
  up: async () => void (server.down = false),
});

async function mailman(): Promise<ExternalTarget> {
  const server = await startFakeMailman();
  server.lists.add('club.lists.example.org');
  const system = mailmanSystem({ url: server.restUrl, listDomain: 'lists.example.org' });
  return {
    system,
    ...outage(server),
    entitlements: ['member:club', 'post:club@lists.example.org'],
    unknown: 'member:no-such-list',
    account: (name) => `${name}@example.org`,
    stranger: 'not-an-address',
    wrongCredentials: mailmanSystem({
      url: server.restUrl.replace('restpass', 'wrong'),
      listDomain: 'lists.example.org',
    }),
    stop: () => server.close(),
  };
}

async function mediawiki(): Promise<ExternalTarget> {
  const server = await startFakeMediaWiki();
  server.settable.add('SupportEngineerGroup').add('Triage');
  return {
    system: mediawikiSystem({ apiUrl: server.apiUrl, ...BOT }),
    ...outage(server),
    entitlements: ['group:SupportEngineerGroup', 'group:Triage'],
    // A group the bot may not set: MediaWiki answers success and leaves it out.
    unknown: 'group:bureaucrat',
    account: (name) => {
      server.users.set(name, server.users.get(name) ?? new Set());
      return name;
    },
    stranger: 'Nobody',
    wrongCredentials: mediawikiSystem({
      apiUrl: server.apiUrl,
      user: BOT.user,
      password: 'wrongpassword0123456789abcdefghij',
    }),
    stop: () => server.close(),
  };
}

async function znuny(): Promise<ExternalTarget> {
  const server = await startFakeZnuny();
  server.roles.add('Triage').add('SE');
  return {
    system: znunySystem({ url: server.serviceUrl }),
    ...outage(server),
    entitlements: ['role:SE', 'admin'],
    unknown: 'role:NoSuchRole',
    account: (name) => {
      if (!server.agents.has(name)) server.agents.set(name, { Login: name, Valid: 1, Roles: new Set(), Admin: 0 });
      return name;
    },
    stranger: 'nobody',
    atWork: (login) => {
      server.agents.get(login)!.LastLogin = new Date().toISOString().slice(0, 19).replace('T', ' ');
    },
    wrongCredentials: znunySystem({ url: server.serviceUrl.replace('ws-secret', 'wrong') }),
    stop: () => server.close(),
  };
}

async function moin(): Promise<ExternalTarget> {
  const server = await startFakeMoinMoin();
  // A group page keeps its other lines: the ACL and the heading stay as they are.
  server.pages.set('SupportEngineerGroup', '#acl All:read\n = Support Engineers =\n');
  server.pages.set('TriageGroup', '');
  return {
    system: moinSystem({ url: server.url, ...MOIN_EDITOR }),
    ...outage(server),
    entitlements: ['group:SupportEngineerGroup', 'group:TriageGroup'],
    unknown: 'group:NoSuchGroup',
    account: (name) => name,
    wrongCredentials: moinSystem({ url: server.url, user: MOIN_EDITOR.user, password: 'wrong-password' }),
    stop: () => server.close(),
  };
}

/** Real Mailman 3 core from Debian: one server for the file (it takes seconds to start), a list of its own for each test. */
let mailmanServer: Promise<MailmanServer> | undefined;
afterAll(async () => {
  await (await mailmanServer)?.close();
});
async function realMailman(): Promise<ExternalTarget> {
  const server = await (mailmanServer ??= startMailman([]));
  const list = `club-${Date.now()}`;
  await server.addList(`${list}@lists.example.org`);
  return {
    system: mailmanSystem({ url: server.restUrl, listDomain: 'lists.example.org' }),
    entitlements: [`member:${list}`, `post:${list}@lists.example.org`],
    unknown: 'member:no-such-list',
    account: (name) => `${name}@example.org`,
    // It has an @, but Mailman takes only full addresses: holding and granting agree on that.
    stranger: 'nobody@localhost',
    down: () => server.stop(),
    up: () => server.start(),
    wrongCredentials: mailmanSystem({
      url: server.restUrl.replace('restpass', 'wrong'),
      listDomain: 'lists.example.org',
    }),
    stop: async () => undefined,
  };
}

/** Real MediaWiki from Debian on SQLite, served by php -S. */
async function realMediaWiki(): Promise<ExternalTarget> {
  const server = await startMediaWiki(['SupportEngineerGroup', 'Triage']);
  const registered = new Map<string, string>();
  return {
    system: mediawikiSystem({ apiUrl: server.apiUrl, user: server.user, password: server.password }),
    entitlements: ['group:SupportEngineerGroup', 'group:Triage'],
    // A group the wiki does not have: MediaWiki warns and leaves it out, the read-back catches it.
    unknown: 'group:NoSuchGroup',
    account: (name) => {
      if (!registered.has(name)) registered.set(name, server.register(name));
      return registered.get(name)!;
    },
    stranger: 'Nobody',
    atWork: (user) => server.edit(user, 'Contract test', `An edit by ${user}.`),
    down: () => server.stop(),
    up: () => server.start(),
    wrongCredentials: mediawikiSystem({
      apiUrl: server.apiUrl,
      user: server.user,
      password: 'wrongpassword0123456789abcdefghij',
    }),
    stop: () => server.close(),
  };
}

/** Real Atheme services from Debian, with #se registered to trustladder's account. */
async function atheme(): Promise<ExternalTarget> {
  const server = await startAtheme(['#se']);
  const registered = new Set<string>();
  return {
    system: athemeSystem({ url: server.url, account: server.account, password: server.password }),
    entitlements: ['channel:#se', 'channel:#se:+o'],
    unknown: 'channel:#not-registered',
    account: async (name) => {
      if (!registered.has(name)) await server.register(name);
      registered.add(name);
      return name;
    },
    stranger: 'nobody',
    // Registering logs the account in: services see it then.
    atWork: async () => undefined,
    down: () => server.stop(),
    up: () => server.start(),
    wrongCredentials: athemeSystem({ url: server.url, account: server.account, password: 'wrong-password' }),
    stop: () => server.close(),
  };
}

const directory = async (): Promise<Target> => ({
  system: directorySystem(pool, `contract-${Date.now()}`),
  entitlements: ['group:a', 'group:b'],
  account: (name) => name,
  stop: async () => undefined,
});

const ADAPTERS: [string, () => Promise<Target>][] = [
  ['the built-in directory', directory],
  ['Mailman 3 (REST)', mailman],
  ['MediaWiki (Action API)', mediawiki],
  ['Znuny (TrustLadder web service)', znuny],
  ['MoinMoin (WikiRPC group pages)', moin],
  ['Atheme services (JSON-RPC, real server)', atheme],
  ['Mailman 3 (REST, real server)', realMailman],
  ['MediaWiki (Action API, real server)', realMediaWiki],
];
const EXTERNAL: [string, () => Promise<ExternalTarget>][] = [
  ['Mailman 3 (REST)', mailman],
  ['MediaWiki (Action API)', mediawiki],
  ['Znuny (TrustLadder web service)', znuny],
  ['MoinMoin (WikiRPC group pages)', moin],
  ['Atheme services (JSON-RPC, real server)', atheme],
  ['Mailman 3 (REST, real server)', realMailman],
  ['MediaWiki (Action API, real server)', realMediaWiki],
];

/** The one contract every adapter keeps: idempotent grant and revoke, holders for reconciliation. */
describe.each(ADAPTERS)('access adapter contract: %s', (_name, start) => {
  let target: Target;
  beforeEach(async () => {
    target = await start();
  });
  afterEach(async () => {
    await target?.stop();
  });

  test('when an entitlement is granted twice, then it is held once and listed among its holders', async () => {
    const [a] = target.entitlements;
    const ada = await target.account('ada');
    const bo = await target.account('bo');
    expect(await target.system.holds(ada, a)).toBe(false);
    await target.system.grant(ada, a);
    await target.system.grant(ada, a);
    await target.system.grant(bo, a);
    expect(await target.system.holds(ada, a)).toBe(true);
    expect(await target.system.holders(a)).toEqual([ada, bo]);
  });

  test('when an entitlement is revoked twice, or revoked without being held, then it is gone and nothing fails', async () => {
    const [a, b] = target.entitlements;
    const ada = await target.account('ada');
    await target.system.grant(ada, a);
    await target.system.grant(ada, b);
    await target.system.revoke(ada, b);
    await target.system.revoke(ada, b);
    expect(await target.system.holds(ada, b)).toBe(false);
    expect(await target.system.holds(ada, a)).toBe(true);
    expect(await target.system.holders(b)).toEqual([]);
    await target.system.revoke(await target.account('never-granted'), a);
  });
});

/** Systems that can tell whether a person has an account there, and when they were last at work there. */
describe.each(EXTERNAL)('activity in the system: %s', (_name, start) => {
  let target: ExternalTarget;
  beforeEach(async () => {
    target = await start();
  });
  afterEach(async () => {
    await target?.stop();
  });

  test('when asked about an account, then it knows whether there is one, and when they were last at work there', async () => {
    const { system, atWork, stranger } = target;
    if (stranger !== undefined && system.hasAccount) {
      expect(await system.hasAccount(stranger)).toBe(false);
      expect(await system.hasAccount(await target.account('ada'))).toBe(true);
    }
    // Lists and group pages keep no trace of work, and the in-process wiki stand-in does not keep edits.
    if (!atWork) return;
    expect(await system.lastActive!(stranger!)).toBeNull();
    const ada = await target.account('ada');
    const before = Date.now() - 2_000;
    await atWork(ada);
    const seen = await system.lastActive!(ada);
    expect(seen).toBeInstanceOf(Date);
    expect(seen!.getTime()).toBeGreaterThanOrEqual(before);
    expect(seen!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
  });
});

/** What a real system adds: accounts it does not have, things it will not do, outages, credentials. */
describe.each(EXTERNAL)('access adapter faults: %s', (_name, start) => {
  let target: ExternalTarget;
  const access = () => createAccessActivities({ pool, systems: () => target.system });
  const change = (entitlement: string, identity: string) => ({
    grant: { system: 'contract', entitlement, identity },
    contributorId: 'c0ffee',
    workflowId: 'contract-test',
    idempotencyKey: `contract:${Date.now()}:${Math.random()}`,
    reason: 'contract test',
  });
  const failure = async (promise: Promise<unknown>) => {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    return err instanceof ApplicationFailure
      ? { type: err.type, nonRetryable: err.nonRetryable }
      : { type: (err as Error | undefined)?.constructor.name, nonRetryable: false };
  };
  beforeEach(async () => {
    target = await start();
  });
  afterEach(async () => {
    await target?.stop();
  });

  test('when a grant is asked for an identity the system has no account for, then it fails as a missing account, not to be retried', async () => {
    const [a] = target.entitlements;
    const stranger = target.stranger;
    if (stranger === undefined) {
      // A group page lists any name: nobody is missing there.
      await access().grantAccess(change(a, 'Nobody Yet'));
      expect(await target.system.holds('Nobody Yet', a)).toBe(true);
      return;
    }
    expect(await failure(access().grantAccess(change(a, stranger)))).toEqual({
      type: 'MissingAccount',
      nonRetryable: true,
    });
    expect(await target.system.holds(stranger, a)).toBe(false);
  });

  test('when the entitlement is one the system does not know or will not set, then the grant fails as a misconfiguration', async () => {
    const ada = await target.account('ada');
    expect(await failure(access().grantAccess(change(target.unknown, ada)))).toEqual({
      type: 'Misconfigured',
      nonRetryable: true,
    });
  });

  test('when the system is down, then the grant fails in a way Temporal retries, and succeeds once it is back', async () => {
    const [a] = target.entitlements;
    const ada = await target.account('ada');
    await target.down();
    expect(await failure(access().grantAccess(change(a, ada)))).toEqual({ type: 'Error', nonRetryable: false });
    await target.up();
    expect(await access().grantAccess(change(a, ada))).toBe('done');
  });

  test("when trustladder's credentials are wrong, then it fails as a misconfiguration naming no secret", async () => {
    const [a] = target.entitlements;
    const ada = await target.account('ada');
    const err = await target.wrongCredentials.grant(ada, a).then(
      () => undefined,
      (e: unknown) => e as ApplicationFailure,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err!.type).toBe('Misconfigured');
    expect(err!.message).not.toMatch(/restpass|wrong-password|ws-secret|wrong/);
  });
});

describe('MoinMoin group pages', () => {
  test('when members are added and removed, then the rest of the page stays as it was, entities and all', async () => {
    const server = await startFakeMoinMoin();
    try {
      const page = '#acl SupportEngineerGroup:read,write All:\n= Support Engineers & <Friends> =\n * ExistingMember\n';
      server.pages.set('SupportEngineerGroup', page);
      const moin = moinSystem({ url: server.url, ...MOIN_EDITOR });
      await moin.grant('Ada Lovelace', 'group:SupportEngineerGroup');
      expect(server.pages.get('SupportEngineerGroup')).toBe(`${page} * Ada Lovelace\n`);
      expect(await moin.holders('group:SupportEngineerGroup')).toEqual(['Ada Lovelace', 'ExistingMember']);
      await moin.revoke('Ada Lovelace', 'group:SupportEngineerGroup');
      expect(server.pages.get('SupportEngineerGroup')).toBe(page);
    } finally {
      await server.close();
    }
  });
});
