import { workflowIdFor } from '../../domain/contributor-id';
import { linkSigningKeys } from '../../platform/config/local-secrets';
import { issueLink } from '../../platform/issue-link';
import { contributorView } from '../../api/contributor-workflows';
import { statusQuery } from '../../workflows/messages';
import type { ParsedMail } from 'mailparser';
import { linksIn, progressLinkIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
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

  /** Onboards a new candidate and returns their id, the welcome mail, and the CCA link from it. */
  async function candidate(): Promise<{ id: string; link: string; path: string; mail: ParsedMail }> {
    const email = `c.${Date.now()}.${Math.random().toString(36).slice(2)}@example.org`;
    const response = await system.app.inject({
      method: 'POST',
      url: '/v1/contributors',
      headers: { authorization: `Bearer ${teamLeader}` },
      payload: { name: 'Candidate', email, ladder: 'cacert-support' },
    });
    const { id } = response.json<{ id: string }>();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email));
    const [link] = linksIn(mail);
    return { id, link: link!, path: new URL(link!).pathname, mail };
  }

  const cca = async (id: string) => (await contributorView(system, id)).steps.find((s) => s.id === 'agreement:CCA')!;
  /** The agreement's form as its page posts it: with the consent ticked, unless told otherwise. */
  const post = (path: string, form = 'consent=yes') =>
    system.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
  const CONSENT = 'I have read and agree to CAcert Community Agreement, version 20140708';

  test('when the link is opened with GET, then the page shows the agreement, its version and where to read it, and nothing changes', async () => {
    const { id, path } = await candidate();
    for (let i = 0; i < 3; i++) {
      const page = await system.app.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('<html lang="en">');
      expect(page.body).toContain('Sign the CAcert Community Agreement (CCA)');
      expect(page.body).toContain('Version 20140708');
      expect(page.body).toContain('href="https://www.cacert.org/policy/CAcertCommunityAgreement.html"');
      expect(page.body).toContain(
        `<input type="checkbox" name="consent" value="yes" required> <span>${CONSENT}</span>`,
      );
    }
    expect((await cca(id)).status).toBe('open');
  });

  test('when the agreement is posted without consent, then a 400 page says so, nothing is recorded, and the link still signs it; the audit row keeps what was agreed to', async () => {
    const { id, path } = await candidate();
    const refused = await post(path, '');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Please tick the box to say you have read and agree to the document.');
    expect(refused.body).toContain('your link still works');
    expect(refused.body).toContain(CONSENT);
    expect((await post(path, 'consent=no')).statusCode).toBe(400);
    expect((await cca(id)).status).toBe('open');
    const before = await system.pool.query('SELECT 1 FROM audit_events WHERE contributor_id = $1 AND action = $2', [
      id,
      'step.completed',
    ]);
    expect(before.rowCount).toBe(0);
    const { rows: unused } = await system.pool.query<{ used_at: Date | null }>(
      'SELECT used_at FROM link_tokens WHERE contributor_id = $1',
      [id],
    );
    expect(unused.every((r) => r.used_at === null)).toBe(true);

    const signed = await post(path);
    expect(signed.statusCode).toBe(200);
    expect(signed.body).toContain('This step is complete.');
    expect((await cca(id)).status).toBe('done');
    const { rows } = await system.pool.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE contributor_id = $1 AND action = 'step.completed'",
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details.consent).toEqual({ document: 'CCA', version: '20140708', statement: CONSENT });
  });

  test('when the welcome mail arrives, then it names the agreement with its version and text, and its progress link shows the CCA step open', async () => {
    const { mail } = await candidate();
    expect(mail.text).toContain(
      'CAcert Community Agreement, version 20140708: https://www.cacert.org/policy/CAcertCommunityAgreement.html',
    );
    const progress = progressLinkIn(mail);
    expect(progress).toBeDefined();
    for (let i = 0; i < 2; i++) {
      const page = await system.app.inject({ method: 'GET', url: new URL(progress!).pathname });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<h1>Where you stand</h1>');
      expect(page.body).toContain(
        '<li><span class="title">Sign the CAcert Community Agreement (CCA)</span><span class="state open">Your turn: use the link in your email</span></li>',
      );
      expect(page.body).toContain('Waiting for your team leader');
      expect(page.body).not.toContain('@example.org');
    }
    // A step link is not a progress link, nor the other way round.
    const step = new URL(linksIn(mail)[0]!).pathname;
    expect((await system.app.inject({ method: 'GET', url: step.replace('/links/', '/progress/') })).statusCode).toBe(
      404,
    );
    const asStep = new URL(progress!).pathname.replace('/progress/', '/links/');
    expect((await system.app.inject({ method: 'GET', url: asStep })).statusCode).toBe(400);
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
    expect(second!.body).toMatch(/This step is closed|already been used/);
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
      const response = await system.app.inject({
        method: 'POST',
        url: path,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'consent=yes',
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('sent from another website');
    }
    expect((await cca(id)).status).toBe('open');
    // Our page sends no referrer, so its own form arrives with Origin "null"; a browser marks it same-origin.
    const ownPage = await system.app.inject({
      method: 'POST',
      url: path,
      headers: {
        'sec-fetch-site': 'same-origin',
        origin: 'null',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'consent=yes',
    });
    expect(ownPage.statusCode).toBe(200);
    expect((await cca(id)).status).toBe('done');
  });
});
