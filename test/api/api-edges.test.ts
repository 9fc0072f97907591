import { WorkflowNotFoundError } from '@temporalio/client';
import { workflowIdFor } from '../../domain/contributor-id';
import { contributorIdFor } from '../../platform/contributor-ids';
import { eventually } from '../../tools/testkit/eventually';
import { welcomeMailed } from '../support/welcome-mailed';
import { startSystem, type TestSystem } from '../support/system';

/**
 * What an outside client (schemathesis) found at the API's edges: each is
 * refused with a 4xx naming the field, the answer is what the OpenAPI
 * document says, and nothing changes.
 */
describe('the API at its edges', () => {
  let system: TestSystem;
  let leader: string;
  let auditor: string;
  let contributor: string;

  beforeAll(async () => {
    system = await startSystem();
    leader = await system.keyFor('team-leader');
    auditor = await system.keyFor('auditor');
    const created = await onboard({
      name: 'Edge Case',
      email: `edge.${Date.now()}@example.org`,
      ladder: 'cacert-support',
    });
    contributor = created.json<{ id: string }>().id;
    await welcomeMailed(system.pool, contributor);
  });
  afterAll(async () => {
    await system?.stop();
  });

  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const onboard = (payload: object) =>
    system.app.inject({ method: 'POST', url: '/v1/contributors', headers: as(leader), payload });
  const auditRows = async () =>
    Number((await system.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0]!.n);
  const detail = (response: { json: <T>() => T }) => response.json<{ detail: string }>().detail;

  test.each(['since', 'until'])(
    'when the audit trail is asked %s a moment PostgreSQL cannot store, then 400 naming the field',
    async (field) => {
      for (const moment of ['0117-05-27T19:44:41-16:59', '0000-01-01T00:00:00Z', '2025-02-29T00:00:00Z']) {
        const response = await system.app.inject({
          method: 'GET',
          url: `/v1/audit?${field}=${encodeURIComponent(moment)}`,
          headers: as(auditor),
        });
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(detail(response)).toMatch(new RegExp(`^querystring\\.${field} must be a date and time with its offset`));
      }
      const fine = await system.app.inject({
        method: 'GET',
        url: `/v1/audit?${field}=${encodeURIComponent('0117-05-27T19:44:41-15:59')}`,
        headers: as(auditor),
      });
      expect(fine.statusCode).toBe(200);
    },
  );

  test('when a JSON body gives a boolean where text belongs, then 400 naming the field, and no sign of life is recorded', async () => {
    const before = await auditRows();
    const response = await system.app.inject({
      method: 'POST',
      url: `/v1/contributors/${contributor}/activity`,
      headers: as(leader),
      payload: { source: false },
    });
    expect(response.statusCode).toBe(400);
    expect(detail(response)).toBe('body.source must be string');
    expect(await auditRows()).toBe(before);
  });

  test('when a name holds a control character, then 400 naming the field and the character, and nobody is onboarded', async () => {
    const email = `control.${Date.now()}@example.org`;
    const response = await onboard({ name: 'Bad\u0001Name', email, ladder: 'cacert-support' });
    expect(response.statusCode).toBe(400);
    expect(detail(response)).toBe(
      'body.name must be plain text on one line, without control or invisible format characters (found U+0001)',
    );
    const id = contributorIdFor('cacert-support', email);
    await expect(system.temporal.workflow.getHandle(workflowIdFor(id)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
    expect((await system.pool.query('SELECT 1 FROM audit_events WHERE contributor_id = $1', [id])).rowCount).toBe(0);
  });

  test('when a name comes with spaces around it, then it is kept trimmed', async () => {
    const response = await onboard({
      name: '  Ada Lovelace \t',
      email: `trim.${Date.now()}@example.org`,
      ladder: 'cacert-support',
    });
    expect(response.statusCode).toBe(201);
    const { id } = response.json<{ id: string }>();
    const status = await eventually(
      async () => system.app.inject({ method: 'GET', url: `/v1/contributors/${id}`, headers: as(leader) }),
      (r) => r.statusCode === 200,
    );
    expect(status.json<{ name: string }>().name).toBe('Ada Lovelace');
  });

  test('when a reason holds line breaks, then they are taken; a NUL is refused', async () => {
    const refused = await system.app.inject({
      method: 'POST',
      url: `/v1/contributors/${contributor}/promotions`,
      headers: as(leader),
      payload: { note: 'why\u0000' },
    });
    expect(refused.statusCode).toBe(400);
    expect(detail(refused)).toContain(
      'body.note must be plain text, without control or invisible format characters (line breaks and tabs are fine) (found U+0000)',
    );
  });

  test.each([
    ['TRACE', '/healthz', 'GET, HEAD'],
    ['QUERY', '/links/abc', 'GET, HEAD, POST'],
    ['DELETE', `/v1/contributors/${'a'.repeat(24)}`, 'GET, HEAD'],
    ['PUT', '/v1/contributors', 'GET, HEAD, POST'],
  ])('when %s is asked of %s, then 405 with the methods the path takes in Allow', async (method, url, allow) => {
    const response = await system.app.inject({ method: method as 'GET', url, headers: as(leader) });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  test('when a path no route knows is asked, then 404', async () => {
    const response = await system.app.inject({ method: 'TRACE', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
  });

  test('when a link is longer than any the server sends, then 414 as a page, without echoing the link', async () => {
    const token = 'x'.repeat(600);
    const response = await system.app.inject({ method: 'GET', url: `/links/${token}` });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1>This link is not valid</h1>');
    expect(response.body).toContain('ask your team leader to send you a new link');
    expect(response.body).not.toContain(token);
  });

  test('when a link is posted a body it cannot read, then a page says so (not a JSON document)', async () => {
    const response = await system.app.inject({
      method: 'POST',
      url: '/links/abc',
      headers: { 'content-type': 'application/json' },
      payload: '\u0000',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1>This request could not be read</h1>');
    expect(response.body).not.toContain('\u0000');
  });

  test('when the OpenAPI document is read, then every error is documented with the type it is sent as', async () => {
    const doc = (await system.app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
          }
        >
      >;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    let operations = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations++;
        const errorType = /^\/(links|progress)\//.test(path) ? 'text/html' : 'application/problem+json';
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) >= 400 && !(path === '/healthz' && status === '503'))
            expect([`${method} ${path} ${status}`, Object.keys(response.content ?? {})]).toEqual([
              `${method} ${path} ${status}`,
              [errorType],
            ]);
        }
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['429', '503']));
        expect(operation.responses['429']!.headers).toHaveProperty('retry-after');
        if (operation.security)
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
        if (method === 'post' || method === 'put')
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
      }
    }
    expect(operations).toBeGreaterThan(20);
    expect(Object.keys(doc.paths['/links/{token}']!.get!.responses['200']!.content!)).toEqual(['text/html']);
    expect(Object.keys(doc.paths['/v1/audit/export']!.get!.responses['200']!.content!)).toEqual([
      'application/x-ndjson',
      'text/csv',
    ]);
  });
});
