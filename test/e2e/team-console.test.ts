import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { contributorIdFor } from '../../platform/contributor-ids';
import { addStaff } from '../../platform/staff-accounts';
import { launchChromium } from '../../tools/testkit/browser';
import { expectAccessible, signInByLink } from '../../tools/testkit/console-browser';
import { eventually } from '../../tools/testkit/eventually';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';

const run = Date.now().toString(36);
const LADDER = `
id: crew
name: Crew
levels:
  - id: deckhand
    name: Deckhand
    requires: { all: [ { check: aboard, title: Came aboard } ] }
  - id: mate
    name: Mate
    requires: { all: [ { check: sailed, title: Sailed a season } ] }
`;
const email = (name: string) => `${name}.${run}@crew.example`;

/**
 * The team page in Debian's Chromium at phone size: a team leader sets a
 * reviewer's capacity, checks a file by a dry run, imports it, names a
 * reviewer for a candidate, and hands the ladder over. axe checks each page.
 */
describe('the team page in a browser', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'crew-'));
    writeFileSync(path.join(dir, 'crew.yaml'), LADDER);
    smtp = await startSmtpCapture();
    system = await startSystem({ smtpUrl: smtp.url, env: { LADDERS_DIR: dir } });
    browser = await launchChromium();
    await addStaff(system.pool, { email: email('lee'), name: 'Lee Leader', role: 'team-leader', ladderId: 'crew' });
    await addStaff(system.pool, { email: email('rosa'), name: 'Rosa Reviewer', role: 'team-leader', ladderId: 'crew' });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await smtp?.close();
  });

  test('a team leader imports the crew, names a reviewer and hands the ladder over, by clicking', async () => {
    const { page } = await signInByLink(browser, smtp, system.config.PUBLIC_URL!, email('lee'));
    await page.goto(`${system.config.PUBLIC_URL}/console/ladders/crew`);
    await page.getByRole('link', { name: 'Team, import and handover' }).click();
    await page.getByRole('heading', { name: 'Team: Crew' }).waitFor();
    await expectAccessible(page, 'team');
    await page.getByRole('spinbutton', { name: 'Capacity of Rosa Reviewer' }).fill('2');
    await page.getByRole('button', { name: 'Set the capacity of Rosa Reviewer' }).click();
    await page.getByText('The capacity is set.').waitFor();
    await page.getByText('0 of 2').waitFor();

    const file = path.join(dir, 'crew.csv');
    writeFileSync(
      file,
      [
        'name,email,ladder,level,since',
        `Ann Bonny,${email('ann')},crew,mate,2021-05-01`,
        `Mary Read,${email('mary')},crew,bosun,2022-01-01`,
        '',
      ].join('\n'),
    );
    await page.getByLabel('File (CSV or YAML)').setInputFiles(file);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'The file was not imported' }).waitFor();
    await page.getByText('the Crew ladder has no level "bosun"').waitFor();
    await expectAccessible(page, 'import-refused');

    writeFileSync(file, readFileSync(file, 'utf8').replace(',bosun,', ',deckhand,'));
    await page.goto(`${system.config.PUBLIC_URL}/console/ladders/crew/team`);
    await page.getByLabel('File (CSV or YAML)').setInputFiles(file);
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
    await page.getByText('2 would be imported').waitFor();
    await expectAccessible(page, 'import-plan');
    expect(await system.pool.query('SELECT 1 FROM contributors WHERE ladder_id = $1', ['crew'])).toMatchObject({
      rowCount: 0,
    });

    await page.getByRole('link', { name: 'Back to the team page' }).click();
    await page.getByLabel('File (CSV or YAML)').setInputFiles(file);
    await page.getByLabel('Only check it').uncheck();
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.getByRole('heading', { name: 'The import is done' }).waitFor();
    await expectAccessible(page, 'import-done');
    const mary = contributorIdFor('crew', email('mary'));
    await eventually(
      () => system.pool.query<{ level: string }>('SELECT level FROM contributors WHERE id = $1', [mary]),
      (r) => r.rows[0]?.level === 'deckhand',
    );

    // Mary is proposed for mate; Rosa is named her reviewer.
    await page.goto(`${system.config.PUBLIC_URL}/console/contributors/${mary}`);
    await page.getByRole('button', { name: 'Propose for the next level' }).click();
    await page.getByLabel('Reviewer', { exact: true }).selectOption({ label: 'Rosa Reviewer (0 of 2)' });
    await page.getByRole('button', { name: 'Name as reviewer' }).click();
    await page.getByText('Rosa Reviewer reviews this candidate').waitFor();
    await expectAccessible(page, 'contributor-reviewer');

    await page.goto(`${system.config.PUBLIC_URL}/console/ladders/crew/team`);
    await page.getByText('1 of 2').waitFor();
    await page.getByLabel("Successor's email address").fill(email('rosa'));
    await page.getByRole('button', { name: 'Hand it over' }).click();
    await page.getByRole('heading', { name: 'Crew is handed over' }).waitFor();
    await page.getByText('Rosa Reviewer leads the ladder now').waitFor();
    await page.getByRole('link', { name: 'Mary Read' }).waitFor();
    await expectAccessible(page, 'handover-done');
    await smtp.waitFor((m) => JSON.stringify(m.to).includes(email('rosa')) && m.subject === 'You now lead Crew');

    // Lee's role for the ladder has ended with the handover: their session with it.
    await page.goto(`${system.config.PUBLIC_URL}/console/ladders/crew`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  });
});
