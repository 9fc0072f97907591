import type { AccessSystem } from './access-system';
import { misconfigured, missingAccount } from './access-system';
import { callJson, redact, unexpected, type JsonResponse } from './http-json';

/**
 * MediaWiki through its Action API, logged in with a bot password
 * (Special:BotPasswords, with the "user rights" grant). Entitlement:
 * `group:<group>`. MediaWiki answers success while silently leaving out a
 * group the bot may not set, so every change is read back by the caller.
 */
export function mediawikiSystem(options: { apiUrl: string; user: string; password: string }): AccessSystem {
  const cookies = new Map<string, string>();
  let loggedIn = false;

  async function call(params: Record<string, string>, post = false): Promise<JsonResponse> {
    const query = new URLSearchParams({ ...params, format: 'json', formatversion: '2' });
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    const response = post
      ? await callJson('wiki', options.apiUrl, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: query.toString(),
        })
      : await callJson('wiki', `${options.apiUrl}?${query.toString()}`, { headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      if (at > 0) cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
    if (response.status !== 200) throw unexpected('wiki', params.action ?? 'call', response);
    return response;
  }

  const errorOf = (r: JsonResponse) => (r.body as { error?: { code: string; info: string } }).error;

  async function token(type: 'login' | 'userrights'): Promise<string> {
    const r = await call({ action: 'query', meta: 'tokens', type });
    const value = (r.body as { query?: { tokens?: Record<string, string> } }).query?.tokens?.[`${type}token`];
    if (!value) throw unexpected('wiki', `${type} token`, r);
    return value;
  }

  async function login(): Promise<void> {
    if (loggedIn) return;
    const r = await call(
      { action: 'login', lgname: options.user, lgpassword: options.password, lgtoken: await token('login') },
      true,
    );
    const result = (r.body as { login?: { result: string; reason?: string } }).login;
    if (result?.result !== 'Success')
      throw misconfigured(
        'wiki',
        `bot login as ${options.user} failed: ${result?.reason ?? result?.result ?? 'no answer'}`,
      );
    loggedIn = true;
  }

  function group(entitlement: string): string {
    const match = /^group:(.+)$/.exec(entitlement);
    if (!match) throw misconfigured('wiki', `"${entitlement}" is not group:<group>`);
    return match[1]!;
  }

  async function groupsOf(user: string): Promise<string[] | undefined> {
    const r = await call({ action: 'query', list: 'users', ususers: user, usprop: 'groups' });
    const found = (r.body as { query?: { users?: { missing?: boolean; groups?: string[] }[] } }).query?.users?.[0];
    if (!found) throw unexpected('wiki', `user ${user}`, r);
    return found.missing ? undefined : (found.groups ?? []);
  }

  async function userrights(user: string, change: 'add' | 'remove', name: string, retried = false): Promise<void> {
    await login();
    const r = await call(
      {
        action: 'userrights',
        user,
        [change]: name,
        reason: 'trustladder: access follows the ladder',
        token: await token('userrights'),
      },
      true,
    );
    const error = errorOf(r);
    if (!error) return;
    if (error.code === 'nosuchuser') throw missingAccount('wiki', user);
    if (!retried && (error.code === 'badtoken' || error.code === 'notloggedin' || error.code === 'assertuserfailed')) {
      loggedIn = false;
      cookies.clear();
      return userrights(user, change, name, true);
    }
    throw misconfigured('wiki', `userrights ${change} ${name} for ${user}: ${error.code}: ${error.info}`);
  }

  return {
    describe: `MediaWiki at ${redact(options.apiUrl)}`,
    async holds(identity, entitlement) {
      return (await groupsOf(identity))?.includes(group(entitlement)) ?? false;
    },
    async grant(identity, entitlement) {
      const name = group(entitlement);
      if ((await groupsOf(identity)) === undefined) throw missingAccount('wiki', identity);
      await userrights(identity, 'add', name);
    },
    async revoke(identity, entitlement) {
      if ((await groupsOf(identity)) === undefined) return;
      await userrights(identity, 'remove', group(entitlement));
    },
    async holders(entitlement) {
      const name = group(entitlement);
      const users: string[] = [];
      let from: string | undefined;
      for (;;) {
        const r = await call({
          action: 'query',
          list: 'allusers',
          augroup: name,
          aulimit: 'max',
          ...(from ? { aufrom: from } : {}),
        });
        const body = r.body as { query?: { allusers?: { name: string }[] }; continue?: { aufrom?: string } };
        users.push(...(body.query?.allusers ?? []).map((u) => u.name));
        from = body.continue?.aufrom;
        if (!from) return users.sort();
      }
    },
    async hasAccount(identity) {
      return (await groupsOf(identity)) !== undefined;
    },
    /** The time of their latest edit. */
    async lastActive(identity) {
      if ((await groupsOf(identity)) === undefined) return null;
      const r = await call({
        action: 'query',
        list: 'usercontribs',
        ucuser: identity,
        uclimit: '1',
        ucprop: 'timestamp',
      });
      const [latest] = (r.body as { query?: { usercontribs?: { timestamp: string }[] } }).query?.usercontribs ?? [];
      return latest ? new Date(latest.timestamp) : null;
    },
  };
}
