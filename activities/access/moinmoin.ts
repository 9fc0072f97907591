import type { AccessSystem } from './access-system';
import { misconfigured } from './access-system';
import { redact } from './http-json';
import { asText, methodCall, parseResponse, XmlRpcFault, type XmlRpcValue } from './xmlrpc';

const MEMBER_LINE = /^ \* (.+?)\s*$/;

/**
 * MoinMoin group pages through WikiRPC v2 (`?action=xmlrpc2`), as CAcert's
 * wiki keeps them: a page such as SupportEngineerGroup listing one member
 * per ` * Name` line. Entitlement: `group:<page>`. Writes authenticate with
 * MoinMoin's getAuthToken and applyAuthToken in one multicall.
 */
export function moinSystem(options: { url: string; user: string; password: string }): AccessSystem {
  const endpoint = `${options.url.replace(/\/$/, '')}/?action=xmlrpc2`;

  async function rpc(method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: methodCall(method, params),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new Error(`moin at ${redact(options.url)} did not answer: ${(err as Error).message}`, { cause: err });
    }
    if (response.status >= 500) throw new Error(`moin at ${redact(options.url)} answered ${response.status}`);
    if (response.status !== 200)
      throw misconfigured('moin', `${method}: HTTP ${response.status} (is xmlrpc enabled on ${redact(options.url)}?)`);
    return parseResponse(await response.text());
  }

  function page(entitlement: string): string {
    const match = /^group:(.+)$/.exec(entitlement);
    if (!match) throw misconfigured('moin', `"${entitlement}" is not group:<group page>`);
    return match[1]!;
  }

  async function read(name: string): Promise<string> {
    try {
      return asText(await rpc('getPage', [name]));
    } catch (err) {
      if (err instanceof XmlRpcFault) throw misconfigured('moin', `group page ${name}: ${err.faultString}`);
      throw err;
    }
  }

  const members = (text: string) => text.split('\n').flatMap((line) => MEMBER_LINE.exec(line)?.[1] ?? []);

  async function write(name: string, text: string): Promise<void> {
    const token = await rpc('getAuthToken', [options.user, options.password]);
    if (!token) throw misconfigured('moin', `login as ${options.user} failed`);
    const results = (await rpc('system.multicall', [
      [
        { methodName: 'applyAuthToken', params: [token] },
        { methodName: 'putPage', params: [name, text] },
      ],
    ])) as (XmlRpcValue[] | { faultCode: number; faultString: string })[];
    const failed = results.find((r) => !Array.isArray(r));
    if (failed && !Array.isArray(failed)) throw misconfigured('moin', `writing ${name}: ${failed.faultString}`);
  }

  return {
    describe: `MoinMoin at ${redact(options.url)}`,
    async holds(identity, entitlement) {
      return members(await read(page(entitlement))).includes(identity);
    },
    async grant(identity, entitlement) {
      const name = page(entitlement);
      const text = await read(name);
      if (members(text).includes(identity)) return;
      await write(name, `${text.replace(/\n*$/, '\n')} * ${identity}\n`);
    },
    async revoke(identity, entitlement) {
      const name = page(entitlement);
      const text = await read(name);
      if (!members(text).includes(identity)) return;
      await write(
        name,
        text
          .split('\n')
          .filter((line) => MEMBER_LINE.exec(line)?.[1] !== identity)
          .join('\n'),
      );
    },
    async holders(entitlement) {
      return members(await read(page(entitlement))).sort();
    },
  };
}
