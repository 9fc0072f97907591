import type { ParsedMail } from 'mailparser';
import type { Role } from '../../platform/roles';
import type { ApiResponse } from './api-call';
import { eventually } from '../../tools/testkit/eventually';
import type { KeyOptions } from './keys';
import { linksIn } from '../../tools/testkit/smtp-capture';

/** What the journey needs of a running system: the API as each role calls it, the mail, and the Triage tenure passing. */
export interface JourneyDriver {
  call: (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: object) => Promise<ApiResponse>;
  key: (role: Role, options?: KeyOptions) => Promise<string>;
  confirm: (link: string) => Promise<number>;
  mailTo: (address: string, subject: string) => Promise<ParsedMail>;
  /** Lets the Triage term of service pass once the board has voted (the motion must be decided within the ladder's 90-day deadline). */
  serveTenure: () => Promise<void>;
  /** Where the term is short, waits until it has passed, so that the last vote decides. */
  tenureServed?: (id: string, leader: string) => Promise<void>;
}

export interface Journey {
  id: string;
  email: string;
  leader: string;
  /** When the last board vote was sent, as Date.now(): the decision, where the term had already passed. */
  decidedAt: number;
}

/**
 * One contributor from Assurer to Support Engineer through the API only, as
 * the team leader, the candidate, arbitration and the board would do it.
 * `atAssurer` runs once they hold Assurer (to name their identities, say).
 */
export async function climbToSE(
  driver: JourneyDriver,
  name: string,
  atAssurer: (id: string, leader: string) => Promise<void> = async () => undefined,
): Promise<Journey> {
  const { call, key, confirm, mailTo } = driver;
  const leader = await key('team-leader');
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.org`;

  // Assurer: the CCA from the welcome mail, and the team leader's check.
  const created = await call('POST', '/v1/contributors', leader, { name, email, ladder: 'cacert-support' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const link of linksIn(await mailTo(email, 'Welcome'))) expect(await confirm(link)).toBe(200);
  expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'assurer' })).body).toMatchObject({
    level: 'assurer',
  });
  await atAssurer(id, leader);

  // Triage: DRP and SP from the mail (the CCA carries over), checks and challenges by the team leader.
  const toTriage = await call('POST', `/v1/contributors/${id}/promotions`, leader, {
    note: 'recommended by the Help Team',
  });
  expect(toTriage).toMatchObject({ status: 201, body: { target: 'triage' } });
  const triageLinks = linksIn(await mailTo(email, 'Triage'));
  expect(triageLinks).toHaveLength(2);
  for (const link of triageLinks) expect(await confirm(link)).toBe(200);
  for (const check of ['recommendation', 'smime', 'welcome-pack'])
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check })).status).toBe(200);
  expect(
    (await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge: 'Support-1', result: 'failed' })).status,
  ).toBe(200);
  for (const challenge of ['Support-1', 'Triage-1', 'Triage-2'])
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge, result: 'passed' })).status).toBe(
      200,
    );
  expect((await call('GET', `/v1/contributors/${id}`, leader)).body).toMatchObject({ level: 'triage' });

  // SE: challenges, the Arbitrated Background Check, the board's motion, and the term as Triage.
  const toSE = await call('POST', `/v1/contributors/${id}/promotions`, leader);
  expect(toSE).toMatchObject({ status: 201, body: { target: 'se' } });
  for (const challenge of ['Triage-3', 'Support-2'])
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { challenge, result: 'passed' })).status).toBe(
      200,
    );

  const disputeMail = await mailTo('arbitration@cacert.example', `Arbitrated Background Check over ${name}`);
  expect(disputeMail.text).toContain(
    `Please file DISPUTE to request Arbitrated Background Check over ${name} <${email}>`,
  );
  expect(disputeMail.text).toContain('Security Policy 9.1.4.2');
  const arbitrator = await key('arbitrator');
  const disputes = (await call('GET', '/v1/disputes?status=open', arbitrator)).body as unknown as {
    id: string;
    contributorId: string;
  }[];
  const dispute = disputes.find((d) => d.contributorId === id)!;
  expect(
    await call('POST', `/v1/disputes/${dispute.id}/verdict`, arbitrator, { verdict: 'positive', note: 'no concerns' }),
  ).toMatchObject({ status: 200, body: { state: 'positive' } });

  const motions = await eventually(
    async () =>
      (await call('GET', '/v1/motions?status=open', await key('board'))).body as unknown as {
        id: string;
        contributorId: string;
        title: string;
        quorum: number;
      }[],
    (open) => open.some((m) => m.contributorId === id),
  );
  const motion = motions.find((m) => m.contributorId === id)!;
  expect(motion).toMatchObject({ title: `Appoint ${name} as Support Engineer (Security Policy 9.1.4.2)`, quorum: 4 });
  const ownCase = await call('POST', `/v1/motions/${motion.id}/votes`, await key('board', { contributorId: id }), {
    vote: 'approve',
  });
  expect(ownCase).toMatchObject({ status: 409, body: { detail: 'a board member never votes on their own case' } });
  for (let i = 0; i < 3; i++)
    expect((await call('POST', `/v1/motions/${motion.id}/votes`, await key('board'), { vote: 'approve' })).status).toBe(
      200,
    );
  expect((await call('GET', `/v1/contributors/${id}`, leader)).body).toMatchObject({
    level: 'triage',
    state: 'promoting',
  });
  await driver.tenureServed?.(id, leader);
  const decidingVoter = await key('board');
  const decidedAt = Date.now();
  expect((await call('POST', `/v1/motions/${motion.id}/votes`, decidingVoter, { vote: 'approve' })).status).toBe(200);
  await driver.serveTenure();

  const se = await eventually(
    () => call('GET', `/v1/contributors/${id}`, leader),
    (r) => r.body.level === 'se',
  );
  expect(se.body).toMatchObject({
    level: 'se',
    state: 'active',
    history: [{ level: 'assurer' }, { level: 'triage' }, { level: 'se' }],
  });
  return { id, email, leader, decidedAt };
}
