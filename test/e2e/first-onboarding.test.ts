import { startSmtpCapture, linksIn, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, type TestSystem } from '../support/system';
import { formPost } from '../../tools/testkit/link-form';

/**
 * The first slice on real parts: the Temporal dev server, PostgreSQL, an SMTP
 * server, the worker and the API over HTTP, driven as a team leader and a
 * candidate would drive them.
 */
describe('first onboarding, end to end', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const api = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  test('when a team leader onboards a candidate and the candidate confirms the emailed link, then the CCA shows as signed and is audited', async () => {
    const key = await system.keyFor('team-leader');
    const email = `santa.${Date.now()}@example.org`;

    const created = await api('POST', '/v1/contributors', key, {
      name: 'Santa Claus',
      email,
      ladder: 'cacert-support',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(email));
    expect(mail.subject).toBe('Welcome to CAcert Support');
    const [link] = linksIn(mail);
    expect(link).toMatch(new RegExp(`^${system.baseUrl}/links/`));

    // A mail scanner following the link changes nothing.
    const pageResponse = await fetch(link!);
    expect(pageResponse.status).toBe(200);
    const pageHtml = await pageResponse.text();
    expect(pageHtml).toContain('Sign the CAcert Community Agreement (CCA)');
    expect(pageHtml).toContain('<form method="post"');
    const before = await api('GET', `/v1/contributors/${id}`, key);
    expect(before.body.steps).toContainEqual(expect.objectContaining({ id: 'agreement:CCA', status: 'open' }));

    const confirmed = await fetch(link!, formPost());
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('This step is complete');

    const after = await api('GET', `/v1/contributors/${id}`, key);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      contributorId: id,
      ladderId: 'cacert-support',
      name: 'Santa Claus',
      level: null,
      state: 'onboarding',
      promotion: { target: 'assurer', state: 'open' },
    });
    expect(after.body.steps).toContainEqual(
      expect.objectContaining({ id: 'agreement:CCA', status: 'done', completedByActor: 'candidate' }),
    );

    const audit = await system.pool.query<{ actor: string; action: string; details: Record<string, unknown> }>(
      'SELECT actor, action, details FROM audit_events WHERE contributor_id = $1 ORDER BY id',
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'contributor.registered',
      'promotion.started',
      'mail.sent',
      'step.completed',
    ]);
    expect(audit.rows[3]).toMatchObject({
      actor: `candidate:${id}`,
      details: { step: 'agreement:CCA', kind: 'agreement' },
    });

    // The link worked once.
    const replay = await fetch(link!, formPost());
    expect(replay.status).toBe(410);
    expect(await replay.text()).toContain('already been used');
  });

  test('when the team leader then records that the candidate is an Assurer, then the candidate holds the Assurer level', async () => {
    const key = await system.keyFor('team-leader');
    const email = `nick.${Date.now()}@example.org`;
    const { body } = await api('POST', '/v1/contributors', key, { name: 'St Nick', email, ladder: 'cacert-support' });
    const id = body.id as string;
    const [link] = linksIn(await smtp.waitFor((m) => JSON.stringify(m.to).includes(email)));
    expect((await fetch(link!, formPost())).status).toBe(200);

    const checked = await api('POST', `/v1/contributors/${id}/checks`, key, {
      check: 'assurer',
      note: 'seen in the assurance system',
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      level: 'assurer',
      state: 'active',
      promotion: { target: 'assurer', state: 'passed' },
    });
    expect((await api('GET', `/v1/contributors/${id}`, key)).body).toMatchObject({ level: 'assurer' });

    // The contributor's workflow records the level a moment after the promotion has decided it.
    const level = await eventually(
      async () =>
        (await system.pool.query<{ level: string | null }>('SELECT level FROM contributors WHERE id = $1', [id]))
          .rows[0],
      (row) => row?.level === 'assurer',
    );
    expect(level).toEqual({ level: 'assurer' });
  });
});
