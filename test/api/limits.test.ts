import { startSystem, type TestSystem } from '../support/system';

/** Floods and oversized bodies meet a clear problem, not a busy server. */
describe('request limits', () => {
  let system: TestSystem;
  let leader: string;
  beforeAll(async () => {
    system = await startSystem({ env: { RATE_LIMIT_PER_MINUTE: '8', LINK_RATE_LIMIT_PER_MINUTE: '3' } });
    leader = await system.keyFor('team-leader');
  });
  afterAll(async () => {
    await system?.stop();
  });

  test('when one address sends more link requests than allowed, then 429 with Retry-After, as a page that says so', async () => {
    const from = (remoteAddress: string) =>
      system.app.inject({ method: 'GET', url: '/links/not-a-token', remoteAddress });
    for (let i = 0; i < 3; i++) expect((await from('192.0.2.10')).statusCode).toBe(400);
    const limited = await from('192.0.2.10');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(limited.body).toContain('<h1>Please wait a moment</h1>');
    expect(limited.body).toContain('<p>Too many requests came from your address. Try again in a minute.</p>');
    // Told in the language the browser asks for.
    const german = await system.app.inject({
      method: 'GET',
      url: '/links/not-a-token',
      remoteAddress: '192.0.2.10',
      headers: { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' },
    });
    expect(german.statusCode).toBe(429);
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('<h1>Bitte warte einen Moment</h1>');
    // Another address is not held back by the first.
    expect((await from('192.0.2.11')).statusCode).toBe(400);
  });

  test('when one address sends more API requests than allowed, even with wrong keys, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      statuses.push(
        (
          await system.app.inject({
            method: 'GET',
            url: '/v1/motions',
            headers: { authorization: 'Bearer tlk_0000000000000000_guess' },
            remoteAddress: '198.51.100.7',
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });

  test('when a body is larger than any route takes, then 413 and nothing is started', async () => {
    const email = `big.${Date.now()}@example.org`;
    const response = await system.app.inject({
      method: 'POST',
      url: '/v1/contributors',
      headers: { authorization: `Bearer ${leader}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(70 * 1024), email, ladder: 'cacert-support' }),
      remoteAddress: '203.0.113.5',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
    expect((await system.pool.query('SELECT 1 FROM contributors WHERE email = $1', [email])).rowCount).toBe(0);
  });
});
