import { randomBytes } from 'node:crypto';
import { startFakeHttp, type FakeServer } from './fake-http';

export interface FakeMediaWiki extends FakeServer {
  apiUrl: string;
  /** Registered users and their groups. */
  users: Map<string, Set<string>>;
  /** Groups the bot may add and remove; others are silently left out, as MediaWiki does. */
  settable: Set<string>;
}

/** A bot password is 32 or more of 0-9 and a-w; MediaWiki takes nothing else as one. */
export const BOT = { user: 'Trustladder@access', password: 'trustladder0123456789abcdefghijkl' };

/**
 * MediaWiki's Action API as documented, for what trustladder uses: login and
 * userrights tokens bound to a session cookie, bot-password login,
 * `userrights` (nosuchuser; groups the bot may not set are left out of
 * "added" without an error), list=users with `missing`, and list=allusers
 * by group, two to a page with a continuation.
 */
export async function startFakeMediaWiki(): Promise<FakeMediaWiki> {
  const users = new Map<string, Set<string>>();
  const settable = new Set<string>();
  const sessions = new Map<string, { loggedIn: boolean; loginToken: string; csrf: string }>();
  const server = await startFakeHttp(({ path, query, headers, body }) => {
    if (path !== '/w/api.php') return { status: 404, body: 'not here' };
    const params = new URLSearchParams({ ...Object.fromEntries(query), ...(body as Record<string, string>) });
    const sid = /wikiSession=([a-f0-9]+)/.exec(headers.cookie ?? '')?.[1];
    let session = sid ? sessions.get(sid) : undefined;
    const setCookie: Record<string, string> = {};
    if (!session) {
      const id = randomBytes(8).toString('hex');
      session = {
        loggedIn: false,
        loginToken: `${randomBytes(8).toString('hex')}+\\`,
        csrf: `${randomBytes(8).toString('hex')}+\\`,
      };
      sessions.set(id, session);
      setCookie['set-cookie'] = `wikiSession=${id}; path=/; HttpOnly`;
    }
    const reply = (value: unknown) => ({ status: 200, body: value, headers: setCookie });
    const action = params.get('action');
    if (action === 'query' && params.get('meta') === 'tokens') {
      const type = params.get('type');
      return reply({
        query: {
          tokens:
            type === 'login'
              ? { logintoken: session.loginToken }
              : { [`${type}token`]: session.loggedIn ? session.csrf : '+\\' },
        },
      });
    }
    if (action === 'login') {
      if (params.get('lgtoken') !== session.loginToken) return reply({ login: { result: 'WrongToken' } });
      const lgpassword = params.get('lgpassword') ?? '';
      if (params.get('lgname') !== BOT.user || !/^[0-9a-w]{32,}$/.test(lgpassword) || lgpassword !== BOT.password)
        return reply({
          login: { result: 'Failed', reason: 'Incorrect username or password entered. Please try again.' },
        });
      session.loggedIn = true;
      return reply({ login: { result: 'Success', lguserid: 1, lgusername: 'Trustladder' } });
    }
    if (action === 'userrights') {
      if (params.get('token') !== session.csrf || !session.loggedIn)
        return reply({ error: { code: 'badtoken', info: 'Invalid CSRF token.' } });
      const name = params.get('user') ?? '';
      const groups = users.get(name);
      if (!groups) return reply({ error: { code: 'nosuchuser', info: `The user "${name}" does not exist.` } });
      const added = (params.get('add') ?? '').split('|').filter((g) => g && settable.has(g));
      const removed = (params.get('remove') ?? '').split('|').filter((g) => g && settable.has(g));
      for (const g of added) groups.add(g);
      for (const g of removed) groups.delete(g);
      return reply({ userrights: { user: name, added, removed } });
    }
    if (action === 'query' && params.get('list') === 'users') {
      const name = params.get('ususers') ?? '';
      const groups = users.get(name);
      return reply({
        query: { users: [groups ? { userid: 2, name, groups: ['*', 'user', ...groups] } : { name, missing: true }] },
      });
    }
    if (action === 'query' && params.get('list') === 'allusers') {
      const all = [...users]
        .filter(([, g]) => g.has(params.get('augroup') ?? ''))
        .map(([name]) => name)
        .sort();
      const from = params.get('aufrom');
      const page = all.filter((n) => !from || n >= from).slice(0, 1);
      const rest = all.filter((n) => !from || n >= from).slice(1);
      return reply({
        query: { allusers: page.map((name) => ({ name })) },
        ...(rest.length ? { continue: { aufrom: rest[0], continue: '-||' } } : {}),
      });
    }
    return reply({ error: { code: 'badvalue', info: `Unrecognized value for parameter "action": ${action}.` } });
  });
  const fake = server as FakeMediaWiki;
  fake.apiUrl = `${server.url}/w/api.php`;
  fake.users = users;
  fake.settable = settable;
  return fake;
}
