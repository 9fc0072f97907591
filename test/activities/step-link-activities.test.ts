import { createPool } from '../../store/pool';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { createStepLinkActivities } from '../../activities/step-link-activities';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { freePort } from '../../platform/free-port';
import type { Pool } from 'pg';

/** The mail activity alone, against real PostgreSQL and a real SMTP server. */
describe('sendStepLinks', () => {
  let pool: Pool;
  let smtp: SmtpCapture;
  const key = { kid: 't', secret: 's'.repeat(40) };
  const step = { id: 'agreement:CCA', title: 'Sign the CCA' };

  beforeAll(async () => {
    pool = createPool(process.env.TEST_DATABASE_URL!);
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp?.close();
    await pool?.end();
  });

  async function contributor(): Promise<{ id: string; email: string }> {
    const id = Math.random().toString(16).slice(2, 14).padEnd(24, '0');
    const email = `${id}@example.org`;
    await pool.query(
      "INSERT INTO contributors (id, ladder_id, workflow_id, name, email) VALUES ($1, 'cacert-support', $2, 'Ann', $3)",
      [id, `contributor-${id}`, email],
    );
    return { id, email };
  }

  const activitiesFor = (smtpUrl: string) =>
    createStepLinkActivities({
      pool,
      mailer: createMailer({
        smtpUrl,
        from: 'tl <tl@example.org>',
        outboxDir: '/nonexistent',
        log: createLogger('silent'),
      }),
      signingKey: key,
      publicUrl: 'http://127.0.0.1:1',
      progressTtlMs: 86_400_000,
      linkTtlMs: 3_600_000,
    });

  test('when the activity runs twice with one idempotency key, then one mail is sent and one audit row written', async () => {
    const { id, email } = await contributor();
    const input = {
      idempotencyKey: `k-${id}`,
      template: 'welcome' as const,
      contributorId: id,
      workflowId: `contributor-${id}`,
      ladderName: 'CAcert Support',
      levelName: 'Assurer',
      steps: [step],
    };
    const activities = activitiesFor(smtp.url);
    const first = await activities.sendStepLinks(input);
    const second = await activities.sendStepLinks(input);
    expect(second).toEqual(first);

    const mails = smtp.messages.filter((m) => JSON.stringify(m.to).includes(email));
    expect(mails).toHaveLength(1);
    expect(linksIn(mails[0]!)).toHaveLength(1);
    const links = await pool.query('SELECT step_id, used_at FROM link_tokens WHERE contributor_id = $1', [id]);
    expect(links.rows).toEqual([{ step_id: 'agreement:CCA', used_at: null }]);
    const audit = await pool.query(
      "SELECT details FROM audit_events WHERE contributor_id = $1 AND action = 'mail.sent'",
      [id],
    );
    expect(audit.rows).toEqual([
      { details: { template: 'welcome', messageId: first.messageId, steps: ['agreement:CCA'] } },
    ]);
  });

  test('when the SMTP server is down, then the activity fails (for Temporal to retry) and records nothing as sent', async () => {
    const { id } = await contributor();
    const down = `smtp://127.0.0.1:${await freePort()}`;
    const input = {
      idempotencyKey: `k-${id}`,
      template: 'welcome' as const,
      contributorId: id,
      workflowId: `contributor-${id}`,
      ladderName: 'CAcert Support',
      levelName: 'Assurer',
      steps: [step],
    };
    await expect(activitiesFor(down).sendStepLinks(input)).rejects.toThrow(/ECONNREFUSED|connect/);
    expect(
      (await pool.query('SELECT 1 FROM sent_mail WHERE idempotency_key = $1', [input.idempotencyKey])).rowCount,
    ).toBe(0);
    // Once the server is back, the retry delivers.
    await activitiesFor(smtp.url).sendStepLinks(input);
    expect(
      (await pool.query('SELECT 1 FROM sent_mail WHERE idempotency_key = $1', [input.idempotencyKey])).rowCount,
    ).toBe(1);
  });
});
