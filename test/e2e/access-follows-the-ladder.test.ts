import path from 'node:path';
import type { Grant } from '../../domain/access';
import { ensureReconciliationSchedule } from '../../worker/schedules';
import { accessReconciliationWorkflow } from '../../workflows/reconciliation-workflow';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { fakeAccessSystem, type FakeAccessSystem } from '../support/fake-access-system';
import { startSmtpCapture, type SmtpCapture } from '../../tools/testkit/smtp-capture';
import { startSystem, type TestSystem } from '../support/system';

interface AccessRow {
  system: string;
  entitlement: string;
  identity: string;
  should: boolean;
  is: boolean | null;
  state?: string;
}

/**
 * Access follows the level on the dev server with the real worker: the wiki
 * and the lists in the built-in directory, the ticket system in a test
 * adapter that can lack an account or refuse a grant.
 */
describe('access follows the ladder', () => {
  let smtp: SmtpCapture;
  let system: TestSystem;
  let otrs: FakeAccessSystem;
  let leader: string;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    otrs = fakeAccessSystem('otrs');
    system = await startSystem({
      smtpUrl: smtp.url,
      env: { LADDERS_DIR: path.join(__dirname, '../fixtures/ladders'), RECONCILE_MAX_REMOVALS: '2' },
      systems: { otrs },
    });
    leader = await system.keyFor('team-leader', { ladder: 'access-club' });
  });
  afterAll(async () => {
    await system?.stop();
    await smtp?.close();
  });
  beforeEach(() => {
    otrs.held.clear();
    otrs.refused.clear();
    otrs.accounts = new Set(['ada-agent']);
    otrs.calls.length = 0;
  });

  const call = apiCaller(() => system.app);
  const directory = async (identity: string) =>
    (
      await system.pool.query<{ grant: string }>(
        "SELECT system || ' ' || entitlement AS grant FROM directory_access WHERE identity = $1 ORDER BY 1",
        [identity],
      )
    ).rows.map((r) => r.grant);
  const accessOf = async (id: string) => {
    const response = await call('GET', `/v1/contributors/${id}/access`, leader);
    expect(response.status).toBe(200);
    return response.body.access as AccessRow[];
  };
  const audit = async (id: string, action: string) =>
    (
      await system.pool.query<{ details: { system: string; entitlement: string } }>(
        'SELECT details FROM audit_events WHERE contributor_id = $1 AND action = $2 ORDER BY chain_seq',
        [id, action],
      )
    ).rows.map((r) => `${r.details.system} ${r.details.entitlement}`);

  async function member(name: string): Promise<{ id: string; email: string }> {
    const email = `${name.toLowerCase()}.${Date.now()}@access-club.example`;
    const { body } = await call('POST', '/v1/contributors', leader, { name, email, ladder: 'access-club' });
    const id = body.id as string;
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'known' })).status).toBe(200);
    expect(
      await eventually(
        () => directory(email),
        (g) => g.length === 2,
      ),
    ).toEqual(['mailman member:club', 'wiki group:Members']);
    return { id, email };
  }
  async function senior(id: string): Promise<void> {
    expect((await call('POST', `/v1/contributors/${id}/promotions`, leader)).status).toBe(201);
    expect((await call('POST', `/v1/contributors/${id}/checks`, leader, { check: 'trusted' })).status).toBe(200);
  }

  test('when a member is promoted, waits for an account, is demoted and revoked, then access is granted, named, reduced by exactly the difference, and removed', async () => {
    const ada = await member('Ada');
    // Each system's grants go side by side with the others', so their audit rows land in either order.
    expect(
      (
        await eventually(
          () => audit(ada.id, 'access.granted'),
          (a) => a.length === 2,
        )
      ).sort(),
    ).toEqual(['mailman member:club', 'wiki group:Members']);

    await senior(ada.id);
    // The ticket system has no account for her address: the rest is granted, that grant waits for a name.
    await eventually(
      () => directory(ada.email),
      (g) => g.length === 4,
    );
    const waiting = await eventually(
      () => accessOf(ada.id),
      (rows) => rows.some((r) => r.system === 'otrs' && r.state === 'waiting-identity'),
    );
    expect(waiting.find((r) => r.system === 'otrs')).toMatchObject({
      identity: ada.email,
      should: true,
      is: false,
      state: 'waiting-identity',
    });
    const notice = await smtp.waitFor((m) => (m.subject ?? '') === 'Access for Ada: identity-needed:otrs');
    expect(notice.text).toContain(`otrs has no account "${ada.email}"`);

    expect((await call('PUT', `/v1/contributors/${ada.id}/identities`, leader, { moin: ' Ada' })).status).toBe(400);
    expect(
      await call('PUT', `/v1/contributors/${ada.id}/identities`, leader, { otrs: 'ada-agent', moin: 'Ada Lovelace' }),
    ).toMatchObject({ status: 200, body: { otrs: 'ada-agent', moin: 'Ada Lovelace' } });
    await eventually(
      async () => otrs.holders('agent'),
      (h) => h.includes('ada-agent'),
    );
    // The workflow records the grant a moment after the system holds it.
    const rows = await eventually(
      () => accessOf(ada.id),
      (r) => r.some((e) => e.system === 'otrs' && e.state === 'granted'),
    );
    expect(rows.filter((r) => r.should).map((r) => [r.system, r.entitlement, r.identity, r.is, r.state])).toEqual([
      ['wiki', 'group:Members', ada.email, true, 'granted'],
      ['wiki', 'group:Seniors', ada.email, true, 'granted'],
      ['mailman', 'member:club', ada.email, true, 'granted'],
      ['mailman', 'post:club', ada.email, true, 'granted'],
      ['otrs', 'agent', 'ada-agent', true, 'granted'],
    ]);

    expect(
      (
        await call('POST', `/v1/contributors/${ada.id}/revocations`, leader, {
          kind: 'demote',
          reason: 'stepping back',
        })
      ).status,
    ).toBe(200);
    expect(
      await eventually(
        () => directory(ada.email),
        (g) => g.length === 2,
      ),
    ).toEqual(['mailman member:club', 'wiki group:Members']);
    await eventually(
      async () => otrs.holders('agent'),
      (h) => h.length === 0,
    );
    // Each revocation's audit row follows its change in the system by a moment.
    expect(
      (
        await eventually(
          () => audit(ada.id, 'access.revoked'),
          (rows) => rows.length === 3,
        )
      ).sort(),
    ).toEqual(['mailman post:club', 'otrs agent', 'wiki group:Seniors']);

    expect(
      (await call('POST', `/v1/contributors/${ada.id}/revocations`, leader, { kind: 'revoke', reason: 'broken trust' }))
        .status,
    ).toBe(200);
    expect(
      await eventually(
        () => directory(ada.email),
        (g) => g.length === 0,
      ),
    ).toEqual([]);
    expect((await audit(ada.id, 'access.revoked')).sort()).toEqual([
      'mailman member:club',
      'mailman post:club',
      'otrs agent',
      'wiki group:Members',
      'wiki group:Seniors',
    ]);
    // Each grant happened once, each revoke once.
    expect(otrs.calls).toEqual([
      { op: 'grant', identity: ada.email, entitlement: 'agent' },
      { op: 'grant', identity: 'ada-agent', entitlement: 'agent' },
      { op: 'revoke', identity: 'ada-agent', entitlement: 'agent' },
    ]);
  }, 60_000);

  test('when a grant is refused for good, then what that round granted is undone, what was held before stays, and the team leader is told', async () => {
    const bo = await member('Bo');
    await call('PUT', `/v1/contributors/${bo.id}/identities`, leader, { otrs: 'ada-agent' });
    otrs.refused.add('agent');
    await senior(bo.id);
    // The notice goes out once the round's grants are undone.
    const notice = await smtp.waitFor((m) => (m.subject ?? '') === 'Access for Bo: failed');
    expect(notice.text).toContain('otrs: no such agent');
    const rows = await accessOf(bo.id);
    expect(rows.filter((r) => r.should).map((r) => [r.system, r.entitlement, r.state])).toEqual([
      ['wiki', 'group:Members', 'granted'],
      ['wiki', 'group:Seniors', 'failed'],
      ['mailman', 'member:club', 'granted'],
      ['mailman', 'post:club', 'failed'],
      ['otrs', 'agent', 'failed'],
    ]);
    expect(await directory(bo.email)).toEqual(['mailman member:club', 'wiki group:Members']);
    expect((await audit(bo.id, 'access.revoked')).sort()).toEqual(['mailman post:club', 'wiki group:Seniors']);
  }, 60_000);

  test('when a system drifts, then reconciliation restores what should be, removes at most the cap of what should not, leaves strangers alone, and a dry run only reports', async () => {
    const cy = await member('Cy');
    const reconcile = (dryRun?: boolean) =>
      system.temporal.workflow.execute(accessReconciliationWorkflow, {
        taskQueue: system.config.TEMPORAL_TASK_QUEUE,
        workflowId: `reconcile-test-${Date.now()}`,
        args: [{ dryRun }],
      });
    const mine = (grants: Grant[]) =>
      grants
        .filter((g) => g.identity === cy.email)
        .map((g) => `${g.system} ${g.entitlement}`)
        .sort();
    // Someone removes her from the list by hand, gives her three things her level does not carry, and adds a stranger.
    await system.pool.query("DELETE FROM directory_access WHERE identity = $1 AND system = 'mailman'", [cy.email]);
    for (const [sys, entitlement, identity] of [
      ['wiki', 'group:Seniors', cy.email],
      ['mailman', 'post:club', cy.email],
      ['wiki', 'group:Members', 'stranger@example.org'],
    ]) {
      await system.pool.query('INSERT INTO directory_access (system, entitlement, identity) VALUES ($1, $2, $3)', [
        sys,
        entitlement,
        identity,
      ]);
    }
    otrs.held.set('agent', new Set([cy.email]));

    const dry = await reconcile(true);
    expect({ granted: mine(dry.granted), revoked: mine(dry.revoked), heldBack: mine(dry.heldBack) }).toEqual({
      granted: ['mailman member:club'],
      revoked: ['mailman post:club', 'wiki group:Seniors'],
      heldBack: ['otrs agent'],
    });
    expect(await directory(cy.email)).toEqual(['mailman post:club', 'wiki group:Members', 'wiki group:Seniors']);

    const run = await reconcile();
    expect({ granted: mine(run.granted), revoked: mine(run.revoked), heldBack: mine(run.heldBack) }).toEqual({
      granted: ['mailman member:club'],
      revoked: ['mailman post:club', 'wiki group:Seniors'],
      heldBack: ['otrs agent'],
    });
    expect(await directory(cy.email)).toEqual(['mailman member:club', 'wiki group:Members']);
    expect(await directory('stranger@example.org')).toEqual(['wiki group:Members']);
    expect((await audit(cy.id, 'access.drift-revoked')).sort()).toEqual(['mailman post:club', 'wiki group:Seniors']);
    expect(await audit(cy.id, 'access.drift-granted')).toEqual(['mailman member:club']);
    expect((await audit(cy.id, 'access.drift-found')).sort()).toEqual([
      'mailman member:club',
      'mailman post:club',
      'wiki group:Seniors',
    ]);
    expect(await audit(cy.id, 'access.drift-held-back')).toEqual(['otrs agent', 'otrs agent']);

    // The held-back removal goes on the next run; a system that cannot be read is reported, and the others are still reconciled.
    otrs.down = true;
    await system.pool.query("DELETE FROM directory_access WHERE identity = $1 AND entitlement = 'group:Members'", [
      cy.email,
    ]);
    const withOutage = await reconcile();
    otrs.down = false;
    // Every ladder in the folder is reconciled: each otrs entitlement any of them carries is reported, nothing else.
    expect(withOutage.errors).toContainEqual({
      system: 'otrs',
      entitlement: 'agent',
      error: 'connect ECONNREFUSED (otrs is down)',
    });
    expect(new Set(withOutage.errors.map((e) => `${e.system}: ${e.error}`))).toEqual(
      new Set(['otrs: connect ECONNREFUSED (otrs is down)']),
    );
    expect(mine(withOutage.granted)).toEqual(['wiki group:Members']);
    expect(mine((await reconcile()).revoked)).toEqual(['otrs agent']);
    expect(await otrs.holders('agent')).not.toContain(cy.email);
  }, 60_000);

  test('when the worker starts the schedule, then reconciliation runs every RECONCILE_EVERY_MINUTES, and a changed interval updates it', async () => {
    const id = `reconcile-schedule-test-${Date.now()}`;
    expect(await ensureReconciliationSchedule(system.temporal, system.config.TEMPORAL_TASK_QUEUE, 15, id)).toBe(
      'created',
    );
    try {
      expect(await ensureReconciliationSchedule(system.temporal, system.config.TEMPORAL_TASK_QUEUE, 15, id)).toBe(
        'kept',
      );
      expect(await ensureReconciliationSchedule(system.temporal, system.config.TEMPORAL_TASK_QUEUE, 10, id)).toBe(
        'updated',
      );
      const described = await system.temporal.schedule.getHandle(id).describe();
      expect(described.spec.intervals?.map((i) => Number(i.every))).toEqual([10 * 60_000]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'accessReconciliationWorkflow' });
    } finally {
      await system.temporal.schedule.getHandle(id).delete();
    }
  });
});
