import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, phoneContext } from './browser';
import { signInLinkIn, type SmtpCapture } from './smtp-capture';

/** axe finds nothing, nothing is wider than the phone; a screenshot goes to SCREENSHOT_DIR when set. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  if (process.env.SCREENSHOT_DIR) {
    mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `console-${name}.png`), fullPage: true });
  }
}

/**
 * Signs in to the console from a fresh phone-sized tab by the emailed link, as a person does; `check` runs on
 * each page of the way (the sign-in form, the "mail sent" page, the link's page).
 */
export async function signInByLink(
  browser: Browser,
  smtp: SmtpCapture,
  base: string,
  email: string,
  check?: (page: Page, name: string) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page; link: string }> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await page.goto(`${base}/console`);
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  await check?.(page, 'sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Mail me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
  await check?.(page, 'sign-in-sent');
  const mail = await smtp.waitFor(
    (m) => JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes('sign-in link'),
  );
  const link = signInLinkIn(mail)!;
  await page.goto(link);
  await check?.(page, 'sign-in-confirm');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/console`);
  return { context, page, link };
}
