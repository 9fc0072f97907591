import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SigningKey } from './config/local-secrets';

/** Tokens are about 200 characters; anything much longer is not one of ours. */
export const MAX_TOKEN_LENGTH = 512;

/** What a link token binds: one step of one contributor, until a moment. */
export interface LinkClaims {
  /** The link's row in link_tokens, which makes it single-use. */
  lid: string;
  /** The contributor, whose workflow id follows from it. */
  cid: string;
  step: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  kid: string;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** What a progress token binds: read-only sight of one contributor's standing, until a moment. */
export interface ProgressClaims {
  /** Always "progress": a step link's token is never taken for one, nor the other way round. */
  p: 'progress';
  cid: string;
  exp: number;
  kid: string;
}

export type ProgressCheck =
  { ok: true; claims: ProgressClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** What a console sign-in token binds: one row of console_sign_in_links (single-use), until a moment. */
export interface SignInClaims {
  /** Always "sign-in": no other link's token is taken for one. */
  p: 'sign-in';
  sid: string;
  exp: number;
  kid: string;
}

export type SignInCheck =
  { ok: true; claims: SignInClaims } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

/** `payload.signature`, both base64url; the payload names the key that signed it. */
function sign(claims: object, key: SigningKey): string {
  const payload = b64(JSON.stringify({ ...claims, kid: key.kid }));
  return `${payload}.${b64(mac(key.secret, payload))}`;
}

export function signLink(claims: Omit<LinkClaims, 'kid'>, key: SigningKey): string {
  return sign(claims, key);
}

export function signProgress(claims: Omit<ProgressClaims, 'kid' | 'p'>, key: SigningKey): string {
  return sign({ p: 'progress', ...claims }, key);
}

export function signSignIn(claims: Omit<SignInClaims, 'kid' | 'p'>, key: SigningKey): string {
  return sign({ p: 'sign-in', ...claims }, key);
}

export function verifyLink(token: string, keys: SigningKey[], nowMs: number): LinkCheck {
  return verify<LinkClaims>(
    token,
    keys,
    nowMs,
    (c) => typeof c.lid === 'string' && typeof c.cid === 'string' && typeof c.step === 'string' && !('p' in c),
  );
}

export function verifyProgress(token: string, keys: SigningKey[], nowMs: number): ProgressCheck {
  return verify<ProgressClaims>(token, keys, nowMs, (c) => c.p === 'progress' && typeof c.cid === 'string');
}

export function verifySignIn(token: string, keys: SigningKey[], nowMs: number): SignInCheck {
  return verify<SignInClaims>(token, keys, nowMs, (c) => c.p === 'sign-in' && typeof c.sid === 'string');
}

function verify<C extends { kid: string; exp: number }>(
  token: string,
  keys: SigningKey[],
  nowMs: number,
  shaped: (claims: Record<string, unknown>) => boolean,
): { ok: true; claims: C } | { ok: false; reason: 'malformed' | 'forged' | 'expired' } {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  let claims: C;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as C;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof claims !== 'object' ||
    claims === null ||
    typeof claims.kid !== 'string' ||
    typeof claims.exp !== 'number' ||
    !shaped(claims)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const key = keys.find((k) => k.kid === claims.kid);
  const given = Buffer.from(signature, 'base64url');
  const expected = key ? mac(key.secret, payload) : undefined;
  if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
