import path from 'node:path';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';

/** The built-in quiz as a candidate meets it: the emailed link's page, the posted answers, the retake link. */
describe('a quiz taken from its emailed link', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let leader: string;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders') },
    });
    leader = await system.keyFor('team-leader', { ladder: 'quiz-club' });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });

  const call = apiCaller(() => system.app);
  const open = (link: string) => system.app.inject({ method: 'GET', url: new URL(link).pathname });
  const post = (link: string, form: Record<string, string>) =>
    system.app.inject({
      method: 'POST',
      url: new URL(link).pathname,
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const linkIn = async (email: string, subject: string) =>
    linksIn(await smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes(subject)))[0]!;

  test('when the candidate answers below the pass mark, then a retake link arrives, the first link is used up, and right answers on the new link make them a member', async () => {
    const email = `quiz.${Date.now()}@example.org`;
    const { body } = await call('POST', '/v1/contributors', leader, { name: 'Quinn', email, ladder: 'quiz-club' });
    const id = body.id as string;
    const first = await linkIn(email, 'Welcome');

    const page = await open(first);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who may vote on their own case?');
    expect(page.body).toContain('name="q:own-case" value="1"');
    expect(page.body).toContain('2 of 2 right answers pass');

    const incomplete = await post(first, { 'q:own-case': '0' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.body).toContain('&quot;What does a block do?&quot; has no valid answer');

    expect((await post(first, { 'q:own-case': '0', 'q:block': '0' })).body).toContain('a new link is on its way');
    expect((await post(first, { 'q:own-case': '0', 'q:block': '1' })).statusCode).toBe(410);
    const retake = await linkIn(email, 'Another try');
    expect(retake).not.toBe(first);

    expect((await post(retake, { 'q:own-case': '0', 'q:block': '1' })).body).toContain('This step is complete');
    const member = await eventually(
      () => call('GET', `/v1/contributors/${id}`, leader),
      (r) => r.body.level === 'member',
    );
    expect(member.body).toMatchObject({ level: 'member', ladderId: 'quiz-club' });
    const { rows } = await system.pool.query<{ details: { correct: number } }>(
      "SELECT details FROM audit_events WHERE contributor_id = $1 AND action = 'step.completed' ORDER BY id",
      [id],
    );
    expect(rows.map((r) => r.details.correct)).toEqual([2]);
  });
});
