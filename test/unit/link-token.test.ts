import { signLink, verifyLink } from '../../platform/link-token';

const current = { kid: 'k2', secret: 'b'.repeat(40) };
const previous = { kid: 'k1', secret: 'a'.repeat(40) };
const now = Date.parse('2026-11-24T12:00:00Z');
const claims = { lid: 'l1', cid: 'c1', step: 'agreement:CCA', exp: now / 1000 + 3600 };

describe('link tokens', () => {
  test('when a token is signed with the current key, then it verifies with its claims', () => {
    const check = verifyLink(signLink(claims, current), [current, previous], now);
    expect(check).toEqual({ ok: true, claims: { ...claims, kid: 'k2' } });
  });

  test('when the signing key was rotated out of first place, then its links still verify', () => {
    expect(verifyLink(signLink(claims, previous), [current, previous], now).ok).toBe(true);
  });

  test('when the signing key was removed, then its links are refused as forged', () => {
    expect(verifyLink(signLink(claims, previous), [current], now)).toEqual({ ok: false, reason: 'forged' });
  });

  test('when the payload is altered to another step, then the token is refused as forged', () => {
    const [, signature] = signLink(claims, current).split('.');
    const swapped = Buffer.from(JSON.stringify({ ...claims, step: 'check:assurer', kid: 'k2' })).toString('base64url');
    expect(verifyLink(`${swapped}.${signature}`, [current], now)).toEqual({ ok: false, reason: 'forged' });
  });

  test('when the token has expired, then it is refused as expired', () => {
    expect(verifyLink(signLink(claims, current), [current], (claims.exp + 1) * 1000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  test.each(['', 'abc', 'a.b.c', '.', 'bm90IGpzb24.c2ln', `${Buffer.from('"str"').toString('base64url')}.x`])(
    'when the token is %j, then it is refused as malformed or forged',
    (token) => {
      const check = verifyLink(token, [current], now);
      expect(check.ok).toBe(false);
    },
  );
});
