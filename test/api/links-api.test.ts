import { workflowIdFor } from '../../domain/contributor-id';
import { linkSigningKeys } from '../../platform/config/local-secrets';
import { issueLink } from '../../platform/issue-link';
import { contributorView } from '../../api/contributor-workflows';
import { statusQuery } from '../../workflows/messages';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';

/** Emailed links: signed, expiring, single-use, and GET never changes anything. */
describe('links', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let teamLeader: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url });
    teamLeader = await system.keyFor('team-leader');
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  /** Onboards a new candidate and returns their id and the CCA link from the welcome mail. */
  async function candidate(): Promise<{ id: string; link: string; path: string }> {
    const email = `c.${Date.now()}.${Math.random().toString(36).slice(2)}@example.org`;
    const response = await system.app.inject({
      method: 'POST',
      url: '/v1/contributors',
      headers: { authorization: `Bearer ${teamLeader}` },
      payload: { name: 'Candidate', email, ladder: 'cacert-support' },
    });
    const { id } = response.json<{ id: string }>();
    const [link] = linksIn(await smtp.waitFor((m) => JSON.stringify(m.to).includes(email)));
    return { id, link: link!, path: new URL(link!).pathname };
  }

  const cca = async (id: string) => (await contributorView(system, id)).steps.find((s) => s.id === 'agreement:CCA')!;
  const post = (path: string) => system.app.inject({ method: 'POST', url: path });

  test('when the link is opened with GET, then a confirm page is shown and nothing changes', async () => {
    const { id, path } = await candidate();
    for (let i = 0; i < 3; i++) {
      const page = await system.app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Sign the CAcert Community Agreement (CCA)');
    }
    expect((await cca(id)).status).toBe('open');
    expect((await post(path)).statusCode).toBe(200);
    expect((await cca(id)).status).toBe('done');
  });

  test('when the signature is tampered with, then the link is refused and nothing changes', async () => {
    const { id, path } = await candidate();
    const forged = path.slice(0, -2) + (path.endsWith('AA') ? 'BB' : 'AA');
    const response = await post(forged);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This link is not valid');
    expect((await cca(id)).status).toBe('open');
  });

  test('when the payload is swapped to another step, then the link is refused and nothing changes', async () => {
    const { id, path } = await candidate();
    const [payload, signature] = path.slice('/links/'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const swapped = Buffer.from(JSON.stringify({ ...claims, step: 'check:assurer' })).toString('base64url');
    expect((await post(`/links/${swapped}.${signature}`)).statusCode).toBe(400);
    expect((await cca(id)).status).toBe('open');
    const status = await contributorView(system, id);
    expect(status.steps.every((s) => s.status === 'open')).toBe(true);
  });

  test('when the link has expired, then GET and POST say so and nothing changes', async () => {
    const { id } = await candidate();
    const { promotion } = await system.temporal.workflow.getHandle(workflowIdFor(id)).query(statusQuery);
    const expired = await issueLink(system.pool, linkSigningKeys(system.config)[0]!, {
      contributorId: id,
      workflowId: promotion!.workflowId,
      stepId: 'agreement:CCA',
      expiresAt: new Date(Date.now() - 1000),
      publicUrl: system.baseUrl,
    });
    const path = new URL(expired).pathname;
    for (const method of ['GET', 'POST'] as const) {
      const response = await system.app.inject({ method, url: path });
      expect(response.statusCode).toBe(410);
      expect(response.body).toContain('This link has expired');
    }
    expect((await cca(id)).status).toBe('open');
  });

  test('when the link is confirmed twice, even at the same moment, then the step completes once and the second is told so', async () => {
    const { id, path } = await candidate();
    const responses = await Promise.all([post(path), post(path)]);
    const [done, second] = [...responses].sort((a, b) => a.statusCode - b.statusCode);
    expect(done!.statusCode).toBe(200);
    // Refused by the workflow while the first is under way, or by the link once it is used.
    expect([409, 410]).toContain(second!.statusCode);
    expect(second!.body).toMatch(/already being completed|already been used/);
    expect((await cca(id)).status).toBe('done');
    const audits = await system.pool.query(
      "SELECT 1 FROM audit_events WHERE contributor_id = $1 AND action = 'step.completed'",
      [id],
    );
    expect(audits.rowCount).toBe(1);
    const replay = await post(path);
    expect(replay.statusCode).toBe(410);
    expect(replay.body).toContain('already been used');
  });

  test('when a token is not one of ours at all, then a clear page, never an error', async () => {
    for (const url of ['/links/nonsense', `/links/${'x'.repeat(600)}`, '/links/a.b']) {
      const response = await system.app.inject({ method: 'POST', url });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.body).not.toContain('x'.repeat(100));
    }
  });

  test('when the form is posted from another website, then it is refused with a page saying so, the link stays usable, and the same form from our own page works', async () => {
    const { id, path } = await candidate();
    const fromElsewhere = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ];
    for (const headers of fromElsewhere) {
      const response = await system.app.inject({ method: 'POST', url: path, headers });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('sent from another website');
    }
    expect((await cca(id)).status).toBe('open');
    // Our page sends no referrer, so its own form arrives with Origin "null"; a browser marks it same-origin.
    const ownPage = await system.app.inject({
      method: 'POST',
      url: path,
      headers: { 'sec-fetch-site': 'same-origin', origin: 'null' },
    });
    expect(ownPage.statusCode).toBe(200);
    expect((await cca(id)).status).toBe('done');
  });
});
