import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../../platform/free-port';
import { PROJECT_ROOT } from '../../tools/dev/python-tools';
import { launchChromium, phoneContext } from '../../tools/testkit/browser';
import { expectAccessible, signInByLink } from '../../tools/testkit/console-browser';
import { eventually } from '../../tools/testkit/eventually';
import { startOidcProvider } from '../../tools/testkit/oidc-provider';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { apiCaller } from '../support/api-call';
import { startSystem, type TestSystem } from '../support/system';

/**
 * The staff console in Debian's Chromium at phone size, against the dev
 * server and real SMTP: staff are added with `npm run staff`, sign in by
 * the emailed link, and do their work by clicking. axe-core checks each page.
 */
describe('the staff console in a browser', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let browser: Browser;
  const stamp = Date.now();
  const leaderEmail = `leader.${stamp}@example.org`;
  const boardEmail = `b.${stamp}@example.org`;
  const otherLeaderEmail = `other.${stamp}@example.org`;
  const auditorEmail = `auditor.${stamp}@example.org`;
  const adminEmail = `admin.${stamp}@example.org`;
  const candidate = { name: 'Cleo Council', email: `cleo.${stamp}@example.org`, id: '' };

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders') },
    });
    browser = await launchChromium();
    await staff('add', '--email', leaderEmail, '--role', 'team-leader', '--ladder', 'council', '--name', 'Lee Leader');
    await staff('add', '--email', boardEmail, '--role', 'board');
    await staff('add', '--email', otherLeaderEmail, '--role', 'team-leader', '--ladder', 'garden-club');
    await staff('add', '--email', auditorEmail, '--role', 'auditor');
    await staff('add', '--email', auditorEmail, '--role', 'arbitrator');
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await smtp?.close();
  });

  /** `npm run staff`, as an operator runs it, against the tests' database. */
  async function staff(...args: string[]): Promise<void> {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'cli/staff.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
        LADDERS_DIR: path.join(__dirname, '../fixtures/ladders'),
        LOG_LEVEL: 'silent',
      },
    });
  }

  const call = apiCaller(() => system.app);
  const base = () => system.config.PUBLIC_URL!;

  /** Signs in from a fresh phone-sized tab by the emailed link, as a person does. */
  async function signIn(email: string, checkPages = false): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page, link } = await signInByLink(
      browser,
      smtp,
      base(),
      email,
      checkPages ? expectAccessible : undefined,
    );
    // The link works once.
    const again = await context.request.post(link, { form: { _csrf: 'x' }, maxRedirects: 0 });
    expect(again.status()).toBe(403);
    return { context, page };
  }

  test('a team leader signs in by the emailed link, onboards, records a check and proposes; the board approves by clicking', async () => {
    const leader = await signIn(leaderEmail, true);
    const session = (await leader.context.cookies()).find((c) => c.name === 'trustladder')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await expectAccessible(leader.page, 'home');

    await leader.page.getByRole('navigation').getByRole('link', { name: 'Council', exact: true }).click();
    await leader.page.getByRole('heading', { name: 'Pipeline: Council' }).waitFor();
    await expectAccessible(leader.page, 'pipeline-empty');
    await leader.page.getByLabel('Name', { exact: true }).fill(candidate.name);
    await leader.page.getByLabel('Email address').fill(candidate.email);
    await leader.page.getByRole('button', { name: 'Start their onboarding' }).click();
    await leader.page.getByRole('heading', { name: candidate.name }).waitFor();
    candidate.id = new URL(leader.page.url()).pathname.split('/').pop()!;
    await expectAccessible(leader.page, 'contributor-onboarding');

    await leader.page.getByRole('button', { name: 'Record as done' }).click();
    await leader.page.getByText('Recorded.').waitFor();
    // The check makes them a member a moment later: then they can be proposed.
    await eventually(
      async () => (await call('GET', `/v1/contributors/${candidate.id}`, await system.keyFor('admin'))).body,
      (body) => (body as { level: string | null }).level === 'member',
    );
    await leader.page.reload();
    await leader.page.getByRole('button', { name: 'Propose for the next level' }).click();
    await leader.page.getByText('Proposed: the candidate has been mailed their steps.').waitFor();
    await leader.page.getByRole('button', { name: 'Record as done' }).click();
    await leader.page.getByText('Recorded.').waitFor();

    const boardKey = await system.keyFor('board');
    const motion = await eventually(
      async () =>
        (await call('GET', '/v1/motions?status=open', boardKey)).body as unknown as {
          id: string;
          contributorId: string;
        }[],
      (motions) => motions.some((m) => m.contributorId === candidate.id),
    ).then((motions) => motions.find((m) => m.contributorId === candidate.id)!);

    const board = await signIn(boardEmail);
    // A vote posted without its CSRF token is refused and changes nothing.
    const forged = await board.context.request.post(`${base()}/console/motions/${motion.id}/votes`, {
      form: { vote: 'approve' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    const tallyOf = async () =>
      (
        (await call('GET', '/v1/motions', boardKey)).body as unknown as {
          id: string;
          tally: { approve: number };
          state: string;
        }[]
      ).find((m) => m.id === motion.id)!;
    expect((await tallyOf()).tally.approve).toBe(0);
    // A post from another site is refused too, token or not.
    const crossSite = await board.context.request.post(`${base()}/console/motions/${motion.id}/votes`, {
      form: { vote: 'approve', _csrf: 'whatever' },
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);

    await board.page.getByRole('link', { name: 'Motions' }).click();
    await expectAccessible(board.page, 'motions');
    await board.page.getByRole('link', { name: `Appoint ${candidate.name} as Councillor` }).click();
    await expectAccessible(board.page, 'motion');
    await board.page.getByRole('button', { name: 'Approve' }).click();
    await board.page.getByText('Your vote is recorded.').waitFor();
    const decided = await eventually(tallyOf, (m) => m.state === 'passed');
    expect(decided.tally.approve).toBe(1);

    // The team leader's page shows the new level.
    await eventually(
      async () => {
        await leader.page.reload();
        return leader.page.locator('dd').nth(1).innerText();
      },
      (level) => level.startsWith('Councillor'),
    );
    await expectAccessible(leader.page, 'contributor-councillor');
    await leader.page.getByRole('link', { name: 'Check what the systems hold now' }).click();
    await leader.page.getByRole('heading', { name: `Access: ${candidate.name}` }).waitFor();
    await expectAccessible(leader.page, 'access');
    // A second newcomer, so the pipeline shows one promotion under way beside a councillor.
    await leader.page.goto(`${base()}/console/ladders/council`);
    await leader.page.getByLabel('Name', { exact: true }).fill('Dara Doe');
    await leader.page.getByLabel('Email address').fill(`dara.${stamp}@example.org`);
    await leader.page.getByRole('button', { name: 'Start their onboarding' }).click();
    await leader.page.getByRole('heading', { name: 'Dara Doe' }).waitFor();
    await leader.page.getByRole('navigation').getByRole('link', { name: 'Council', exact: true }).click();
    await leader.page.getByRole('link', { name: candidate.name }).waitFor();
    await leader.page.getByRole('link', { name: 'Dara Doe' }).waitFor();
    await expectAccessible(leader.page, 'pipeline');
    const csv = await leader.context.request.get(`${base()}/console/ladders/council/pipeline.csv`);
    expect(await csv.text()).toContain(`${candidate.id},${candidate.name},councillor,active`);
    await Promise.all([leader.context.close(), board.context.close()]);
  });

  test("another ladder's team leader sees nothing of this one", async () => {
    const other = await signIn(otherLeaderEmail);
    for (const url of [`/console/ladders/council`, `/console/contributors/${candidate.id}`]) {
      const response = await other.page.goto(`${base()}${url}`);
      expect(response!.status()).toBe(403);
      expect(await other.page.content()).not.toContain(candidate.name);
    }
    await expectAccessible(other.page, 'refused');
    await other.context.close();
  });

  test('auditors and arbitrators have their pages; a session left idle sends you to sign in', async () => {
    const auditor = await signIn(auditorEmail);
    for (const [place, name] of [
      ['Disputes', 'disputes'],
      ['Audit trail', 'audit'],
      ['Figures', 'stats'],
    ] as const) {
      await auditor.page.getByRole('link', { name: place, exact: true }).first().click();
      await auditor.page
        .getByRole('heading', { name: place === 'Audit trail' ? 'Audit trail' : place })
        .first()
        .waitFor();
      await expectAccessible(auditor.page, name);
    }
    await auditor.page.goto(`${base()}/console/audit`);
    await auditor.page.getByRole('link', { name: 'Verify the hash chain' }).click();
    await auditor.page.getByText(/The chain is whole/).waitFor();

    // Idle past the limit: the next page asks to sign in again.
    await system.pool.query(
      `UPDATE console_sessions SET data = jsonb_set(data, '{seenAt}', to_jsonb((extract(epoch FROM now()) * 1000 - 7200000)::bigint))
        WHERE staff_id = (SELECT id FROM staff_accounts WHERE email = $1)`,
      [auditorEmail],
    );
    await auditor.page.goto(`${base()}/console/audit`);
    expect(new URL(auditor.page.url()).pathname).toBe('/console/sign-in');
    await auditor.page.getByText('Your session ended').waitFor();
    await auditor.context.close();
  });

  test('an admin gives a person a role in the console, as `npm run staff` would', async () => {
    await staff('add', '--email', adminEmail, '--role', 'admin');
    const admin = await signIn(adminEmail);
    await admin.page.getByRole('link', { name: 'Staff', exact: true }).click();
    await expectAccessible(admin.page, 'staff');
    const newcomer = `newcomer.${stamp}@example.org`;
    await admin.page.getByLabel('Email address').fill(newcomer);
    await admin.page.getByLabel('Role').selectOption('arbitrator');
    await admin.page.getByRole('button', { name: 'Give the role' }).click();
    await admin.page.getByText('Done.').first().waitFor();
    await admin.page.getByRole('cell', { name: newcomer }).waitFor();
    const { rows } = await system.pool.query<{ actor: string }>(
      `SELECT actor FROM audit_events WHERE action = 'staff.role-granted'
          AND details->>'staff' = (SELECT id FROM staff_accounts WHERE email = $1)`,
      [newcomer],
    );
    expect(rows).toEqual([{ actor: expect.stringMatching(/^staff:/) as unknown }]);
    await admin.context.close();
  });

  test('single sign-on: a staff member signs in through the OpenID provider; an unverified email is refused', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const provider = await startOidcProvider({
      clientId: 'trustladder-console',
      clientSecret: 'a client secret only this test knows',
      redirectUri: `${publicUrl}/console/sso/callback`,
    });
    const sso = await startSystem({
      worker: false,
      env: {
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        LADDERS_DIR: path.join(__dirname, '../fixtures/ladders'),
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'trustladder-console',
        OIDC_CLIENT_SECRET: 'a client secret only this test knows',
      },
    });
    try {
      // Each in a tab of its own: the provider remembers who signed in to it.
      const viaProvider = async (login: string) => {
        const context = await phoneContext(browser);
        const page = await context.newPage();
        await page.goto(`${publicUrl}/console`);
        await expectAccessible(page, 'sign-in-sso');
        await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
        await page.getByPlaceholder('Enter any login').fill(login);
        await page.getByPlaceholder('and password').fill('any');
        await page.getByRole('button', { name: 'Sign-in' }).click();
        await page.getByRole('button', { name: 'Continue' }).click();
        return { context, page };
      };
      const unverified = await viaProvider(`unverified:${boardEmail}`);
      await unverified.page.getByText('did not confirm your email address').waitFor();
      expect(new URL(unverified.page.url()).pathname).toBe('/console/sso/callback');
      await unverified.context.close();

      const { context, page } = await viaProvider(boardEmail);
      await page.waitForURL(`${publicUrl}/console`);
      await page.getByRole('link', { name: 'Motions' }).waitFor();
      const { rows } = await sso.pool.query<{ details: { by: string } }>(
        "SELECT details FROM audit_events WHERE action = 'staff.signed-in' ORDER BY id DESC LIMIT 1",
      );
      expect(rows[0]!.details.by).toBe('single-sign-on');
      await context.close();
    } finally {
      await sso.stop();
      await provider.stop();
    }
  });
});
