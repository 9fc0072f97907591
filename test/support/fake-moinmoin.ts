import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asText, faultResponse, methodResponse, parseCall, type XmlRpcValue } from '../../activities/access/xmlrpc';
import type { FakeServer } from './fake-http';

export interface FakeMoinMoin extends FakeServer {
  pages: Map<string, string>;
}

export const MOIN_EDITOR = { user: 'TrustLadder', password: 'moin-secret' };

/**
 * MoinMoin 1.9's WikiRPC v2 as documented, for what trustladder uses:
 * getPage (fault 1 "No such page was found."), getAuthToken ("" for a wrong
 * password), and system.multicall of applyAuthToken and putPage, which
 * refuses to write without a valid token.
 */
export async function startFakeMoinMoin(): Promise<FakeMoinMoin> {
  const pages = new Map<string, string>();
  const tokens = new Set<string>();
  const fake = { down: false, pages } as FakeMoinMoin;
  const answer = (method: string, params: XmlRpcValue[], authorised: { ok: boolean }): XmlRpcValue => {
    if (method === 'getPage') {
      const text = pages.get(asText(params[0]));
      if (text === undefined) throw Object.assign(new Error('No such page was found.'), { code: 1 });
      return text;
    }
    if (method === 'getAuthToken') {
      if (params[0] !== MOIN_EDITOR.user || params[1] !== MOIN_EDITOR.password) return '';
      const token = randomBytes(8).toString('hex');
      tokens.add(token);
      return token;
    }
    if (method === 'applyAuthToken') {
      if (!tokens.has(asText(params[0]))) throw Object.assign(new Error('Invalid token.'), { code: 1 });
      authorised.ok = true;
      return 'SUCCESS';
    }
    if (method === 'putPage') {
      if (!authorised.ok)
        throw Object.assign(new Error('You did not change the page content, not saved!'), { code: 1 });
      pages.set(asText(params[0]), asText(params[1]));
      return true;
    }
    throw Object.assign(new Error(`method "${method}" is not supported`), { code: 2 });
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (fake.down) {
        response.writeHead(503).end();
        return;
      }
      if (!request.url?.endsWith('?action=xmlrpc2')) {
        response.writeHead(404).end();
        return;
      }
      const { method, params } = parseCall(Buffer.concat(chunks).toString('utf8'));
      const authorised = { ok: false };
      let body: string;
      try {
        if (method === 'system.multicall') {
          const results = (params[0] as { methodName: string; params: XmlRpcValue[] }[]).map((call) => {
            try {
              return [answer(call.methodName, call.params, authorised)];
            } catch (err) {
              return { faultCode: (err as { code: number }).code, faultString: (err as Error).message };
            }
          });
          body = methodResponse(results);
        } else {
          body = methodResponse(answer(method, params, authorised));
        }
      } catch (err) {
        body = faultResponse((err as { code: number }).code, (err as Error).message);
      }
      response.writeHead(200, { 'content-type': 'text/xml' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wiki`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
