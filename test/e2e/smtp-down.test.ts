import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';
import { formInject } from '../../tools/testkit/link-form';

/** The mail server down when a candidate is onboarded: the welcome mail waits, then arrives once, its link working. */
describe('mail when the SMTP server is down', () => {
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

  test('when the SMTP server refuses mail for a while, then the welcome mail is retried, delivered once it is back, exactly once, and its link works', async () => {
    const call = apiCaller(() => system.app);
    const leader = await system.keyFor('team-leader');
    smtp.refusing = true;
    const email = `patient.${Date.now()}@example.org`;
    const created = await call('POST', '/v1/contributors', leader, {
      name: 'Patient',
      email,
      ladder: 'cacert-support',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Refused twice: the activity is being retried, and nothing was sent or recorded as sent.
    await eventually(
      async () => smtp.refused,
      (n) => n >= 2,
      20_000,
    );
    const sentWhileDown = await system.pool.query(
      "SELECT 1 FROM audit_events WHERE contributor_id = $1 AND action = 'mail.sent'",
      [id],
    );
    expect(sentWhileDown.rowCount).toBe(0);

    smtp.refusing = false;
    const welcome = await smtp.waitFor((m) => JSON.stringify(m.to).includes(email), 30_000);
    const sent = await eventually(
      async () =>
        (await system.pool.query("SELECT 1 FROM audit_events WHERE contributor_id = $1 AND action = 'mail.sent'", [id]))
          .rowCount,
      (n) => n === 1,
    );
    expect(sent).toBe(1);
    expect(smtp.messages.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(1);
    const [link] = linksIn(welcome);
    expect((await system.app.inject(formInject(link!))).statusCode).toBe(200);
  }, 60_000);
});
