import type { AccessSystem } from './access-system';
import { misconfigured, missingAccount } from './access-system';
import { callJson, redact, unexpected } from './http-json';

/**
 * IRC channel access kept by Atheme services, through their JSON-RPC
 * interface (modules/transport/jsonrpc on modules/misc/httpd). Entitlement:
 * `channel:#se` (the channel's default flags) or `channel:#se:+AV`. The
 * account trustladder logs in as needs +f (flags) on the channel; the
 * channel is registered by its founder, once, on IRC.
 */
export function athemeSystem(options: {
  url: string;
  account: string;
  password: string;
  defaultFlags?: string;
}): AccessSystem {
  const defaultFlags = options.defaultFlags ?? '+iV';
  let cookie: string | undefined;

  interface RpcAnswer {
    result: string | null;
    error: { code: number; message: string } | null;
  }

  async function rpc(method: string, params: string[]): Promise<RpcAnswer> {
    const response = await callJson('irc', options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Atheme answers an id that is not a string with an empty reply.
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: '1' }),
    });
    const body = response.body as RpcAnswer | undefined;
    if (response.status !== 200 || !body || !('error' in body)) throw unexpected('irc', method, response);
    return body;
  }

  async function login(): Promise<string> {
    if (cookie) return cookie;
    const answer = await rpc('atheme.login', [options.account, options.password, '127.0.0.1']);
    if (answer.error || !answer.result)
      throw misconfigured('irc', `login as ${options.account} failed: ${answer.error?.message ?? 'no cookie'}`);
    cookie = answer.result;
    return cookie;
  }

  /** A command to one of the services as trustladder's account; a lost session is opened again once. */
  async function command(service: 'ChanServ' | 'NickServ', params: string[], retried = false): Promise<string> {
    const answer = await rpc('atheme.command', [await login(), options.account, '127.0.0.1', service, ...params]);
    if (!answer.error) return answer.result ?? '';
    const { message } = answer.error;
    if (!retried && /authcookie/i.test(message)) {
      cookie = undefined;
      return command(service, params, true);
    }
    throw new AthemeRefusal(message);
  }
  const chanserv = (params: string[]) => command('ChanServ', params);

  /** NickServ INFO on the account, or undefined when there is no such account. */
  async function info(identity: string): Promise<string | undefined> {
    try {
      return await command('NickServ', ['INFO', identity]);
    } catch (err) {
      if (err instanceof AthemeRefusal && err.message === `${identity} is not registered.`) return undefined;
      throw err;
    }
  }

  function parse(entitlement: string): { channel: string; flags: string } {
    const match = /^channel:(#[^\s:]+)(?::(\+[A-Za-z]+))?$/.exec(entitlement);
    if (!match) throw misconfigured('irc', `"${entitlement}" is not channel:#<channel> or channel:#<channel>:+<flags>`);
    return { channel: match[1]!, flags: match[2] ?? defaultFlags };
  }

  const letters = (flags: string) => [...flags.replace(/^[+-]/, '')];
  const hasAll = (held: string, wanted: string) => letters(wanted).every((f) => held.includes(f));

  /** Atheme's refusals, by their words: "unchanged" was already so, an unknown account waits for the team leader, anything else is a misconfiguration. */
  function refused(err: unknown, channel: string, identity: string): void {
    if (!(err instanceof AthemeRefusal)) throw err;
    if (/^Channel access to \S+ for \S+ unchanged\.$/.test(err.message)) return;
    if (err.message === `${identity} is not registered.`) throw missingAccount('irc', identity);
    throw misconfigured('irc', `${channel}: ${err.message}`);
  }

  async function flagsOf(channel: string, identity: string): Promise<string> {
    try {
      return (await chanserv(['FLAGS', channel, identity])).trim();
    } catch (err) {
      if (err instanceof AthemeRefusal && err.message === `${identity} is not registered.`) return '';
      refused(err, channel, identity);
      return '';
    }
  }

  return {
    describe: `Atheme at ${redact(options.url)}`,
    async hasAccount(identity) {
      return (await info(identity)) !== undefined;
    },
    /** NickServ's "Last seen": now while they are on IRC, else when they last were (services run on UTC). */
    async lastActive(identity) {
      const text = await info(identity);
      const seen = text && /^Last seen\s*:\s*(.+?)\s*(?:\(.*\))?$/m.exec(text)?.[1];
      if (!seen) return null;
      if (seen === 'now') return new Date();
      const at = new Date(`${seen} UTC`);
      return Number.isNaN(at.getTime()) ? null : at;
    },
    async holds(identity, entitlement) {
      const { channel, flags } = parse(entitlement);
      return hasAll(await flagsOf(channel, identity), flags);
    },
    async grant(identity, entitlement) {
      const { channel, flags } = parse(entitlement);
      await chanserv(['FLAGS', channel, identity, `+${letters(flags).join('')}`]).catch((err: unknown) =>
        refused(err, channel, identity),
      );
    },
    async revoke(identity, entitlement) {
      const { channel, flags } = parse(entitlement);
      if (!(await flagsOf(channel, identity))) return;
      await chanserv(['FLAGS', channel, identity, `-${letters(flags).join('')}`]).catch((err: unknown) =>
        refused(err, channel, identity),
      );
    },
    async holders(entitlement) {
      const { channel, flags } = parse(entitlement);
      const listing = await chanserv(['FLAGS', channel]).catch((err: unknown) => {
        refused(err, channel, '');
        return '';
      });
      // "1     ada                    +V                   (#se) [modified ...]"; trustladder's own entry is not a person's.
      return listing
        .split('\n')
        .flatMap((line) => {
          const entry = /^\d+\s+(\S+)\s+(\+\S+)/.exec(line);
          return entry && entry[1] !== options.account && hasAll(entry[2]!, flags) ? [entry[1]!] : [];
        })
        .sort();
    },
  };
}

class AthemeRefusal extends Error {}
