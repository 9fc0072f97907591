import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium, phoneContext } from '../../tools/testkit/browser';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, progressLinkIn, startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { apiCaller } from '../support/api-call';
import { startSystem, type TestSystem } from '../support/system';
import { formInject } from '../../tools/testkit/link-form';

/** The document the Garden Club's agreement links to, served in place of the outside site (no internet here). */
const DOCUMENT = '<h1>Garden Code of Conduct</h1><p>Be kind to the plants.</p>';

/**
 * The pages candidates, sponsors and peers meet, in Debian's Chromium at phone
 * size, against the dev server: each opened from its mail, answered by
 * clicking, and checked by axe-core. Screenshots go to SCREENSHOT_DIR when set.
 */
describe('the candidate pages in a browser', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let browser: Browser;
  let leader: string;
  /** The member of test one: the sponsor and the peer of later tests. */
  const first = { email: `ada.${Date.now()}@example.org`, id: '' };
  /** The candidate of test three, an elder by its end: the one who steps down and returns. */
  const bea = { email: `bea.${Date.now()}@example.org`, id: '' };

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders') },
    });
    leader = await system.keyFor('team-leader', { ladder: 'garden-club' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await smtp?.close();
  });

  const call = apiCaller(() => system.app);
  /** Onboards, as a team leader does; someone who has just left is taken once they are all the way out (409 till then). */
  const onboard = async (name: string, email: string, language?: string) => {
    const payload = { name, email, ladder: 'garden-club', ...(language ? { language } : {}) };
    const { status, body } = await eventually(
      () => call('POST', '/v1/contributors', leader, payload),
      (r) => r.status !== 409,
    );
    expect([200, 201]).toContain(status);
    return body as { id: string; created: boolean; returning: boolean };
  };
  const mailTo = (email: string, subject: string) =>
    smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes(subject));
  /** The link in `mail` to `step`, by the step its token names. */
  const linkTo = (mail: ParsedMail, step: string) =>
    linksIn(mail).find((link) => {
      const payload = new URL(link).pathname.split('/')[2]!.split('.')[0]!;
      return (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { step: string }).step === step;
    })!;
  /** Bea's line on the public roster. */
  const rosterEntry = async (name: string) => {
    const response = await system.app.inject({ method: 'GET', url: '/v1/roster?ladder=garden-club' });
    return response
      .json<{ name: string; level: string; emeritus: boolean; entrustedBy: string[] }[]>()
      .find((e) => e.name === name);
  };
  const contributor = (id: string) => call('GET', `/v1/contributors/${id}`, leader);

  /** A fresh phone-sized tab, whose outside links are answered by the test. */
  async function tab(locale?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await phoneContext(browser, { locale });
    await context.route('https://docs.garden.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>CoC</title>${DOCUMENT}</html>`,
      }),
    );
    return { context, page: await context.newPage() };
  }

  /** Opens a page, checks it with axe-core, and keeps a screenshot of it. */
  async function visit(page: Page, url: string, shot?: string): Promise<void> {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expectAccessible(page, shot);
  }
  async function expectAccessible(page: Page, shot?: string): Promise<void> {
    expect(await axeViolations(page)).toEqual([]);
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    if (shot && process.env.SCREENSHOT_DIR) {
      mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${shot}.png`), fullPage: true });
    }
  }

  /** Signs the agreement and passes the quiz as the pages' forms post them. */
  async function toMemberByForms(mail: ParsedMail): Promise<void> {
    expect((await system.app.inject(formInject(linkTo(mail, 'agreement:CoC')))).statusCode).toBe(200);
    expect((await system.app.inject(formInject(linkTo(mail, 'challenge:Rules'), { 'q:shears': '0' }))).statusCode).toBe(
      200,
    );
  }

  test('a candidate reads the agreement, signs it by ticking consent, takes the quiz and sees where they stand', async () => {
    first.id = (await onboard('Ada Gardener', first.email)).id;
    const welcome = await mailTo(first.email, 'Welcome to Garden Club');
    expect(welcome.text).toContain('Garden Code of Conduct, version 2: https://docs.garden.example/coc-2.html');
    const { context, page } = await tab();

    await visit(page, linkTo(welcome, 'agreement:CoC'), 'agreement');
    // Dark, as a phone set to it shows the page: its colours must read as well.
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(page, 'agreement-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign the Garden Code of Conduct (CoC)');
    await expect(page.locator('.panel').textContent()).resolves.toContain('Version 2');
    expect(await page.locator('.digest').textContent()).toContain(
      '906f82eb0f5f506ac65655ac0552bcef8ddcc31895582d008dd293df1f720e1c',
    );
    const [document] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('link', { name: 'Read the Garden Code of Conduct' }).click(),
    ]);
    await document.waitForLoadState();
    expect(await document.locator('h1').textContent()).toBe('Garden Code of Conduct');
    await document.close();

    // Without the tick, the browser itself keeps the form back.
    await page.getByRole('button', { name: 'Sign' }).click();
    expect(
      await page
        .locator('input[name=consent]')
        .evaluate((box) => (box as unknown as { validity: { valid: boolean } }).validity.valid),
    ).toBe(false);
    expect((await contributor(first.id)).body.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'agreement:CoC', status: 'open' })]),
    );
    await page.getByLabel('I have read and agree to Garden Code of Conduct, version 2').check();
    await page.getByRole('button', { name: 'Sign' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    await expectAccessible(page);

    await visit(page, linkTo(welcome, 'challenge:Rules'), 'quiz');
    await page.getByLabel('Any member').check();
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    // From the answer, on to where they stand.
    await page.getByRole('link', { name: 'See where you stand' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Where you stand');

    const member = await eventually(
      () => contributor(first.id),
      (r) => r.body.level === 'member',
    );
    expect(member.body.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'agreement:CoC', status: 'done' })]),
    );
    await visit(page, progressLinkIn(welcome)!, 'progress-member');
    expect(await page.locator('main').textContent()).toContain('Member');
    expect(await page.locator('main').textContent()).toContain('The next level is Elder.');
    await context.close();
  });

  test('a German candidate gets their mail and pages in German', async () => {
    const email = `gerda.${Date.now()}@example.org`;
    await onboard('Gerda Gärtner', email, 'de');
    const welcome = await mailTo(email, 'Willkommen bei Garden Club');
    expect(welcome.text).toContain('Hallo Gerda Gärtner,');
    expect(welcome.text).toContain('Garden Code of Conduct, Version 2: https://docs.garden.example/coc-2.html');
    expect(welcome.text).toContain('Wo du stehst, jederzeit:');
    const { context, page } = await tab('de-DE');
    await visit(page, linkTo(welcome, 'agreement:CoC'), 'agreement-de');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await expect(page.locator('h1').textContent()).resolves.toBe('Garden Code of Conduct (CoC) unterzeichnen');
    await page.getByLabel('Ich habe Garden Code of Conduct, Version 2, gelesen und stimme zu').check();
    await page.getByRole('button', { name: 'Unterzeichnen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Danke');

    await visit(page, progressLinkIn(welcome)!, 'progress-de');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    const text = await page.locator('main').textContent();
    expect(text).toContain('Wo du stehst');
    expect(text).toContain('Erledigt');
    expect(text).toContain('Du bist dran: Benutze den Link in deiner E-Mail');
    await context.close();
  });

  test('a sponsor vouches and a peer votes, each in their own words, which the team leader and the board read', async () => {
    expect(first.id).not.toBe('');
    const { email } = bea;
    const { id } = await onboard('Bea Bloom', email);
    bea.id = id;
    const welcome = await mailTo(email, 'Welcome to Garden Club');
    await toMemberByForms(welcome);
    await eventually(
      () => contributor(id),
      (r) => r.body.level === 'member',
    );
    expect((await call('POST', `/v1/contributors/${id}/promotions`, leader, {})).status).toBe(201);
    expect((await call('POST', `/v1/contributors/${id}/sponsors`, leader, { sponsor: first.id })).status).toBe(200);

    const { context, page } = await tab();
    // Her own page shows the promotion under way, and on whom each step waits.
    await visit(page, progressLinkIn(welcome)!, 'progress');
    const progress = await page.locator('main').textContent();
    expect(progress).toContain('Your way to Elder');
    expect(progress).toContain('Waiting for your sponsors');
    expect(progress).toContain('Waiting for the peers to vote');
    expect(progress).not.toContain('Ada');
    const asked = await mailTo(first.email, 'Will you vouch for Bea Bloom');
    await visit(page, linksIn(asked)[0]!, 'vouch');
    const vouch = 'I have gardened beside Bea for two summers; she keeps the tools in order.';
    await page.getByLabel('Your statement').fill(vouch);
    await page.getByRole('button', { name: 'I vouch for Bea Bloom' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');

    const ballot = await mailTo(first.email, 'Your vote: Bea Bloom');
    await visit(page, linksIn(ballot)[0]!, 'vote');
    await page.getByLabel('Disagree', { exact: true }).check();
    await page.getByRole('button', { name: 'Vote' }).click();
    // A disagreement without a reason is not taken: the page says so and asks again.
    expect(await page.locator('[role=alert]').textContent()).toContain('Please write a statement');
    await expectAccessible(page);
    await page.getByLabel('Agree', { exact: true }).check();
    const agree = 'Bea is careful and kind; agreed.';
    await page.getByLabel('Your statement').fill(agree);
    await page.getByRole('button', { name: 'Vote' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Thank you');
    await context.close();

    const elder = await eventually(
      () => contributor(id),
      (r) => r.body.level === 'elder',
    );
    expect(elder.body.statements).toEqual([
      expect.objectContaining({ by: 'sponsor', id: first.id, text: vouch }),
      expect.objectContaining({ by: 'peer', id: first.id, vote: 'agree', text: agree }),
    ]);
    const { rows } = await system.pool.query<{ action: string; statement: string }>(
      "SELECT action, details->>'statement' AS statement FROM audit_events WHERE contributor_id = $1 AND action IN ('sponsor.vouched', 'peer-vote.cast') ORDER BY id",
      [id],
    );
    expect(rows).toEqual([
      { action: 'sponsor.vouched', statement: vouch },
      { action: 'peer-vote.cast', statement: agree },
    ]);
  });

  test('an elder steps down from the ping, shows as emeritus, and returns to Elder by the return path, keeping their history', async () => {
    expect(bea.id).not.toBe('');
    await eventually(
      () => rosterEntry('Bea Bloom'),
      (e) => e?.level === 'elder' && !e.emeritus,
    );
    const email = bea;

    const ping = await mailTo(email.email, 'Are you still with Garden Club?');
    expect(linksIn(ping)).toHaveLength(2);
    const { context, page } = await tab();
    await visit(page, linkTo(ping, 'step-down'), 'step-down');
    expect(await page.locator('main').textContent()).toContain('listed as emeritus');
    await page.getByRole('button', { name: 'Step down' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('You have stepped down');
    await expectAccessible(page);
    await eventually(
      () => contributor(email.id),
      (r) => r.body.state === 'left',
    );
    await visit(page, progressLinkIn(ping)!);
    expect(await page.locator('main').textContent()).toContain('You have left this ladder');
    expect(await page.locator('main').textContent()).toContain('listed as emeritus');
    await context.close();

    const left = await eventually(
      () => contributor(email.id),
      (r) => r.body.state === 'left',
    );
    expect(left.body).toMatchObject({ leftAs: 'emeritus', formerLevel: 'elder', level: null });
    expect(
      await eventually(
        () => rosterEntry('Bea Bloom'),
        (e) => e?.emeritus === true,
      ),
    ).toMatchObject({
      level: 'elder',
      entrustedBy: ['Ada Gardener'],
    });

    const back = await onboard('Bea Bloom', email.email);
    expect(back).toMatchObject({ id: email.id, created: true, returning: true });
    const welcomeBack = await mailTo(email.email, 'Welcome back to Garden Club');
    expect(welcomeBack.text).toContain('Your way back to Elder has begun');
    expect(progressLinkIn(welcomeBack)).toBeDefined();
    const returning = await eventually(
      () => contributor(email.id),
      (r) => r.body.state === 'onboarding' && r.body.promotion !== null,
    );
    // The agreement she signed still holds: only the team leader's check is left.
    expect(returning.body.steps).toEqual([
      expect.objectContaining({ id: 'agreement:CoC', status: 'done', completedByActor: 'carried' }),
      expect.objectContaining({ id: 'check:return', status: 'open' }),
    ]);
    expect((await call('POST', `/v1/contributors/${email.id}/checks`, leader, { check: 'return' })).status).toBe(200);
    const again = await eventually(
      () => contributor(email.id),
      (r) => r.body.level === 'elder',
    );
    expect((again.body.history as { level: string }[]).map((h) => h.level)).toEqual(['member', 'elder', 'elder']);
    // The roster follows once the level is recorded, a moment after the promotion decides it.
    expect(
      await eventually(
        () => rosterEntry('Bea Bloom'),
        (e) => e?.emeritus === false,
      ),
    ).toMatchObject({
      level: 'elder',
      entrustedBy: ['Ada Gardener'],
    });
  });

  test('someone whose trust was revoked is onboarded again from the first level, with nothing carried over', async () => {
    const email = `rex.${Date.now()}@example.org`;
    const { id } = await onboard('Rex Thorn', email);
    await toMemberByForms(await mailTo(email, 'Welcome to Garden Club'));
    await eventually(
      () => contributor(id),
      (r) => r.body.level === 'member',
    );
    expect(
      (
        await call('POST', `/v1/contributors/${id}/revocations`, leader, {
          kind: 'revoke',
          reason: 'took the shears home',
        })
      ).status,
    ).toBe(200);
    await eventually(
      () => contributor(id),
      (r) => r.body.leftAs === 'revoked',
    );
    const again = await onboard('Rex Thorn', email);
    expect(again).toMatchObject({ created: true, returning: false });
    const fresh = await eventually(
      () => contributor(id),
      (r) => r.body.state === 'onboarding' && r.body.promotion !== null,
    );
    expect(fresh.body.history).toEqual([]);
    expect((fresh.body.steps as { id: string; status: string }[]).map((s) => [s.id, s.status])).toEqual([
      ['agreement:CoC', 'open'],
      ['challenge:Rules', 'open'],
    ]);
  });
});
