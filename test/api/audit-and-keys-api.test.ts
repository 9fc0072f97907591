import { writeAudit } from '../../activities/audit';
import { apiCaller } from '../support/api-call';
import { eventually } from '../../tools/testkit/eventually';
import { startSystem, type TestSystem } from '../support/system';

/** The audit trail read through the API, and keys managed through it, each by the only roles allowed. */
describe('audit and keys API', () => {
  let system: TestSystem;
  let admin: string;
  let auditor: string;
  beforeAll(async () => {
    system = await startSystem();
    admin = await system.keyFor('admin');
    auditor = await system.keyFor('auditor');
  });
  afterAll(async () => {
    await system?.stop();
  });
  const call = apiCaller(() => system.app);
  const get = (url: string, key: string) =>
    system.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });

  test('when the trail is read with filters, then only matching events come, page by page in chain order, and the export carries the same rows', async () => {
    const contributor = Date.now().toString(16).padStart(24, '0').slice(-24);
    for (const [n, action] of ['motion.opened', 'motion.vote', 'step.completed', 'motion.vote'].entries()) {
      await writeAudit(system.pool, {
        idempotencyKey: `${contributor}:${n}`,
        actor: n === 3 ? 'board:k2' : 'board:k1',
        action,
        contributorId: contributor,
        details: { n, note: n === 1 ? '=HYPERLINK("http://evil")' : 'ok' },
      });
    }
    const first = await call('GET', `/v1/audit?contributor=${contributor}&action=motion.*&limit=2`, auditor);
    const events = first.body.events as {
      seq: string;
      action: string;
      details: { n: number };
      rowHash: string;
      prevHash: string;
    }[];
    expect(events.map((e) => [e.action, e.details.n])).toEqual([
      ['motion.opened', 0],
      ['motion.vote', 1],
    ]);
    expect(events[1]!.prevHash).toBe(events[0]!.rowHash);
    expect(first.body.next).toBe(events[1]!.seq);
    const second = await call(
      'GET',
      `/v1/audit?contributor=${contributor}&action=motion.*&limit=2&after=${first.body.next as string}`,
      auditor,
    );
    expect((second.body.events as { details: { n: number } }[]).map((e) => e.details.n)).toEqual([3]);
    expect(second.body.next).toBeNull();
    const byActor = await call('GET', `/v1/audit?contributor=${contributor}&actor=board:k2`, admin);
    expect((byActor.body.events as { details: { n: number } }[]).map((e) => e.details.n)).toEqual([3]);

    const ndjson = await get(`/v1/audit/export?contributor=${contributor}`, auditor);
    expect(ndjson.headers['content-type']).toContain('application/x-ndjson');
    const lines = ndjson.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { details: { n: number } });
    expect(lines.map((l) => l.details.n)).toEqual([0, 1, 2, 3]);
    const csv = await get(`/v1/audit/export?contributor=${contributor}&format=csv`, admin);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="trustladder-audit.csv"');
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toBe('seq,occurredAt,actor,action,contributorId,workflowId,details,purged,prevHash,rowHash');
    expect(rows).toHaveLength(5);
    // A spreadsheet must not run a note as a formula.
    expect(rows[2]).toContain('"{""n"":1,""note"":""=HYPERLINK(\\""http://evil\\"")""}"');

    expect((await call('GET', '/v1/audit/verification', auditor)).body).toMatchObject({ ok: true, problems: [] });
    expect((await call('GET', '/v1/audit?since=yesterday', auditor)).body.detail).toBe(
      'querystring.since must be a date and time with its offset (RFC 3339, e.g. 2026-12-03T09:30:00Z), in the years 0001 to 9999, offset within ±15:59',
    );
  });

  test('when an admin makes and revokes keys through the API, then the key works until revoked, a team leader key needs its ladder, and both acts are audited', async () => {
    const refused = await call('POST', '/v1/keys', admin, { role: 'team-leader', name: 'Tess' });
    expect(refused).toMatchObject({
      status: 400,
      body: { detail: "body.ladder: a team leader's key names the ladder it acts on" },
    });
    expect(
      (await call('POST', '/v1/keys', admin, { role: 'team-leader', name: 'Tess', ladder: 'nowhere' })).body.detail,
    ).toContain('no ladder "nowhere"');
    expect(
      (await call('POST', '/v1/keys', admin, { role: 'board', name: 'Bo', ladder: 'cacert-support' })).body.detail,
    ).toBe('body.ladder: a board key acts organisation-wide and names no ladder');

    const created = await call('POST', '/v1/keys', admin, {
      role: 'team-leader',
      name: 'Tess',
      ladder: 'pirate-party-it',
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };
    const listed = (
      (await call('GET', '/v1/keys', admin)).body as unknown as { id: string; ladder: string; expiresAt: string }[]
    ).find((k) => k.id === id);
    expect(listed?.ladder).toBe('pirate-party-it');
    expect(Date.parse(listed!.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // The secret is everything after `tlk_<id>_`; being base64url, it may itself hold underscores.
    const secret = key.slice(`tlk_${id}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(JSON.stringify(listed)).not.toContain(secret);

    // Scoped to its ladder: onboarding elsewhere is refused, and lists show its own ladder only.
    const elsewhere = await call('POST', '/v1/contributors', key, {
      name: 'X',
      email: `x.${Date.now()}@example.org`,
      ladder: 'cacert-support',
    });
    expect(elsewhere).toMatchObject({
      status: 403,
      body: { detail: 'this key acts on ladder "pirate-party-it" only' },
    });
    const mine = await call('POST', '/v1/contributors', key, {
      name: 'Petra',
      email: `petra.${Date.now()}@example.org`,
      ladder: 'pirate-party-it',
    });
    expect(mine.status).toBe(201);
    const cacert = await call('POST', '/v1/contributors', await system.keyFor('team-leader'), {
      name: 'Carla',
      email: `carla.${Date.now()}@example.org`,
      ladder: 'cacert-support',
    });
    const list = await eventually(
      async () => (await call('GET', '/v1/contributors', key)).body as unknown as { id: string; ladder: string }[],
      (l) => l.some((c) => c.id === mine.body.id),
    );
    expect(new Set(list.map((c) => c.ladder))).toEqual(new Set(['pirate-party-it']));
    expect(list.map((c) => c.id)).not.toContain(cacert.body.id);

    const revoked = await call('POST', `/v1/keys/${id}/revocation`, admin);
    expect(revoked).toMatchObject({ status: 200, body: { id } });
    expect(Date.parse(revoked.body.revokedAt as string)).toBeLessThanOrEqual(Date.now());
    expect((await call('GET', '/v1/contributors', key)).status).toBe(401);
    expect((await call('POST', `/v1/keys/${id}/revocation`, admin)).status).toBe(409);

    const adminId = (
      (await call('GET', '/v1/keys', admin)).body as unknown as { id: string; name: string; role: string }[]
    ).find((k) => admin.includes(k.id))!.id;
    const { rows } = await system.pool.query(
      "SELECT action, actor FROM audit_events WHERE action LIKE 'key.%' AND details->>'key' = $1 ORDER BY chain_seq",
      [id],
    );
    expect(rows).toEqual([
      { action: 'key.created', actor: `admin:${adminId}` },
      { action: 'key.revoked', actor: `admin:${adminId}` },
    ]);
  });
});
