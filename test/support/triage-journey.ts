import path from 'node:path';
import { accessOf } from '../../domain/access';
import { loadLadderFile } from '../../platform/ladder-file';
import { verifyAuditChain } from '../../store/audit';
import { apiCaller, type ApiResponse } from './api-call';
import { eventually } from '../../tools/testkit/eventually';
import { linksIn, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import type { TestSystem } from './system';
import { formPost } from '../../tools/testkit/link-form';

export interface TriageCandidate {
  id: string;
  email: string;
  leader: string;
  call: ReturnType<typeof apiCaller>;
}

/** What a CAcert Triage member holds, as the shipped ladder says. */
const TRIAGE_ACCESS = accessOf(loadLadderFile(path.join(__dirname, '../../ladders/cacert-support.yaml')), 'triage')
  .map((a) => `${a.system} ${a.entitlement}`)
  .sort();

/** Every step a candidate completes from nothing to Triage (the CCA carries over from Assurer). */
const STEPS_TO_TRIAGE = [
  'agreement:CCA',
  'check:assurer',
  'agreement:DRP',
  'agreement:SP',
  'check:recommendation',
  'check:smime',
  'check:welcome-pack',
  'challenge:Support-1',
  'challenge:Triage-1',
  'challenge:Triage-2',
].sort();

const mailTo = (smtp: SmtpCapture, email: string, subject: string) =>
  smtp.waitFor((m) => JSON.stringify(m.to).includes(email) && (m.subject ?? '').includes(subject), 60_000);

async function confirmAll(links: string[]): Promise<void> {
  for (const link of links) expect((await fetch(link, formPost())).status).toBe(200);
}

/**
 * A candidate on CAcert's ladder taken to Assurer, then through every step of
 * the promotion to Triage but the last challenge, through the API and the
 * links in their mail.
 */
export async function nearlyTriage(system: TestSystem, smtp: SmtpCapture, name: string): Promise<TriageCandidate> {
  const call = apiCaller(() => system.app);
  const leader = await system.keyFor('team-leader', { ladder: 'cacert-support' });
  const email = `${name.toLowerCase()}.${Date.now()}@example.org`;
  const created = await call('POST', '/v1/contributors', leader, { name, email, ladder: 'cacert-support' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const checks = `/v1/contributors/${id}/checks`;
  await confirmAll(linksIn(await mailTo(smtp, email, 'Welcome')));
  expect((await call('POST', checks, leader, { check: 'assurer' })).body).toMatchObject({ level: 'assurer' });
  expect((await call('POST', `/v1/contributors/${id}/promotions`, leader, {})).status).toBe(201);
  await confirmAll(linksIn(await mailTo(smtp, email, 'Triage')));
  for (const check of ['recommendation', 'smime', 'welcome-pack'])
    expect((await call('POST', checks, leader, { check })).status).toBe(200);
  for (const challenge of ['Support-1', 'Triage-1'])
    expect((await call('POST', checks, leader, { challenge, result: 'passed' })).status).toBe(200);
  return { id, email, leader, call };
}

/** The deciding step: the last challenge passed, and with it the promotion. */
export const passLastChallenge = (c: TriageCandidate): Promise<ApiResponse> =>
  c.call('POST', `/v1/contributors/${c.id}/checks`, c.leader, { challenge: 'Triage-2', result: 'passed' });

const auditOf = async (system: TestSystem, id: string, action: string) =>
  (
    await system.pool.query<{ details: Record<string, string> }>(
      'SELECT details FROM audit_events WHERE contributor_id = $1 AND action = $2 ORDER BY chain_seq',
      [id, action],
    )
  ).rows.map((r) => r.details);

/**
 * Nothing lost and nothing twice: the candidate holds Triage, every step is
 * audited once, every entitlement was granted by exactly one audited grant
 * and is listed by the directory, each mail arrived once, and the audit
 * chain is whole.
 */
export async function expectTriageExactlyOnce(
  system: TestSystem,
  smtp: SmtpCapture,
  c: TriageCandidate,
): Promise<void> {
  await eventually(
    () => c.call('GET', `/v1/contributors/${c.id}`, c.leader),
    (r) => r.body.level === 'triage' && r.body.state === 'active',
    60_000,
  );
  const granted = await eventually(
    () => auditOf(system, c.id, 'access.granted'),
    (rows) => rows.length >= TRIAGE_ACCESS.length,
    60_000,
  );
  expect(granted.map((g) => `${g.system} ${g.entitlement}`).sort()).toEqual(TRIAGE_ACCESS);
  const listed = await system.pool.query<{ grant: string }>(
    "SELECT system || ' ' || entitlement AS grant FROM directory_access WHERE identity = $1 ORDER BY 1",
    [c.email],
  );
  expect(listed.rows.map((r) => r.grant)).toEqual(TRIAGE_ACCESS);

  expect((await auditOf(system, c.id, 'step.completed')).map((d) => d.step).sort()).toEqual(STEPS_TO_TRIAGE);
  expect((await auditOf(system, c.id, 'promotion.passed')).length).toBe(2);
  const subjects = smtp.messages.filter((m) => JSON.stringify(m.to).includes(c.email)).map((m) => m.subject);
  expect(new Set(subjects).size).toBe(subjects.length);
  // The two mails with step links: the welcome, and the Triage steps.
  expect((await auditOf(system, c.id, 'mail.sent')).length).toBe(2);
  expect(await verifyAuditChain(system.pool)).toMatchObject({ ok: true, problems: [] });
}
