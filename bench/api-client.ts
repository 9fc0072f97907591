import { CONSENTED } from '../tools/testkit/link-form';
import type { Latencies } from './latency';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The API over HTTP, as team leaders, candidates and the board call it, each
 * call timed under its kind. A 503 is tried again after its Retry-After (and
 * counted); any other answer than the expected one stops the benchmark: a
 * figure over failed calls would mean nothing.
 */
export function apiClient(base: string, latencies: Latencies) {
  const retries = { count: 0 };
  const call = async (
    kind: string,
    method: 'GET' | 'POST',
    url: string,
    key: string | undefined,
    body: object | undefined,
    expected: number[],
    attempt = 1,
  ): Promise<ApiAnswer> => {
    const response = await latencies.time(kind, async () => {
      const res = await fetch(new URL(url, base), {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, text, retryAfter: Number(res.headers.get('retry-after') ?? 1) };
    });
    // As a client should: a 503 says the system is busy, and when to come back.
    if (response.status === 503 && attempt < 5) {
      retries.count++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(response.retryAfter, 5) * 1000));
      return call(kind, method, url, key, body, expected, attempt + 1);
    }
    if (!expected.includes(response.status))
      throw new Error(
        `${method} ${url.replace(/\/links\/.*/, '/links/…')} answered ${response.status}: ${response.text.slice(0, 300)}`,
      );
    const isJson = response.text.startsWith('{') || response.text.startsWith('[');
    return { status: response.status, body: isJson ? (JSON.parse(response.text) as Record<string, unknown>) : {} };
  };
  return {
    /** Requests answered 503 and made again. */
    retries: () => retries.count,
    get: (kind: string, url: string, key: string) => call(kind, 'GET', url, key, undefined, [200]),
    post: (kind: string, url: string, key: string, body: object, expected = [200, 201]) =>
      call(kind, 'POST', url, key, body, expected),
    /** A candidate ticking the consent on an emailed link's page and clicking its button. */
    confirm: (link: string) => call('link confirmation', 'POST', new URL(link).pathname, undefined, CONSENTED, [200]),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
