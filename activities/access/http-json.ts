import { ApplicationFailure } from '@temporalio/common';
import { misconfigured } from './access-system';

export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/**
 * One HTTP call to a system's API. A network failure or a 5xx is thrown as a
 * plain error, so Temporal retries it; 401 and 403 mean trustladder's own
 * credentials are wrong, which no retry cures. Other answers are returned
 * for the adapter to read. Credentials in the URL never reach a message.
 */
export async function callJson(
  system: string,
  url: string,
  init: RequestInit & { timeoutMs?: number } = {},
): Promise<JsonResponse> {
  const shown = redact(url);
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 10_000) });
  } catch (err) {
    throw new Error(`${system} at ${shown} did not answer: ${(err as Error).message}`, { cause: err });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the adapter sees the text.
  }
  if (response.status >= 500) throw new Error(`${system} at ${shown} answered ${response.status}`);
  if (response.status === 401 || response.status === 403)
    throw misconfigured(system, `${shown} refused trustladder's credentials (${response.status})`);
  return { status: response.status, body, headers: response.headers };
}

/** An answer the adapter did not expect: shown with its status, never retried blindly. */
export function unexpected(system: string, what: string, response: JsonResponse): ApplicationFailure {
  return misconfigured(
    system,
    `${what}: unexpected answer ${response.status} ${JSON.stringify(response.body)?.slice(0, 200)}`,
  );
}

/** The URL without the user and password it may carry. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(an invalid URL)';
  }
}

/** The credentials carried in a URL (as given, and as a Basic Authorization header), and the URL without them. */
export function splitCredentials(url: string): {
  base: string;
  user: string;
  password: string;
  headers: Record<string, string>;
} {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const headers: Record<string, string> = {};
  if (user) headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  parsed.username = '';
  parsed.password = '';
  return { base: parsed.toString().replace(/\/$/, ''), user, password, headers };
}
