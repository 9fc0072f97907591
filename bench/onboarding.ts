import type { ApiClient } from './api-client';
import { linksIn } from '../tools/testkit/smtp-capture';
import type { MailSink } from './mail-sink';

export interface Walked {
  id: string;
  email: string;
  /** Calls that changed the contributor's workflow: the updates the floor must match. */
  updates: number;
}

/**
 * One contributor from nothing to Triage on CAcert's ladder, through the API
 * only: the team leader onboards them and records checks and challenges, the
 * candidate signs the agreements from the links in their mail.
 */
export async function walkToTriage(api: ApiClient, mail: MailSink, leader: string, name: string): Promise<Walked> {
  const email = `${name}@bench.example.org`;
  mail.watch(email);
  let updates = 0;
  const update = async (kind: string, url: string, body: object) => {
    updates++;
    return api.post(kind, url, leader, body);
  };
  const confirmAll = async (subject: string) => {
    for (const link of linksIn(await mail.waitFor(email, subject))) {
      updates++;
      await api.confirm(link);
    }
  };

  const created = await update('onboarding', '/v1/contributors', { name, email, ladder: 'cacert-support' });
  const id = created.body.id as string;
  const checks = `/v1/contributors/${id}/checks`;
  await confirmAll('Welcome');
  await update('check', checks, { check: 'assurer' });
  await update('promotion', `/v1/contributors/${id}/promotions`, { note: 'recommended by the Help Team' });
  await confirmAll('Triage');
  for (const check of ['recommendation', 'smime', 'welcome-pack']) await update('check', checks, { check });
  let last: Record<string, unknown> = {};
  for (const challenge of ['Support-1', 'Triage-1', 'Triage-2'])
    last = (await update('check', checks, { challenge, result: 'passed' })).body;
  if (last.level !== 'triage') throw new Error(`${name} did not reach Triage: ${JSON.stringify(last)}`);
  return { id, email, updates };
}
