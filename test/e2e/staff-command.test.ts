import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Pool } from 'pg';
import { authenticateApiKey } from '../../platform/api-keys';
import { createPool } from '../../store/pool';
import { PROJECT_ROOT } from '../../tools/dev/python-tools';

/** `npm run staff`, run as an operator runs it, against the tests' database. */
describe('the staff command', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await pool?.end();
  });

  const run = async (command: string, ...args: string[]) => {
    const result = await promisify(execFile)(process.execPath, ['--import', 'tsx', `cli/${command}.ts`, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, LOG_LEVEL: 'silent' },
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stderr }),
    );
    return result;
  };
  const audited = async (staffId: string) =>
    (
      await pool.query<{ action: string }>("SELECT action FROM audit_events WHERE details->>'staff' = $1 ORDER BY id", [
        staffId,
      ])
    ).rows.map((r) => r.action);

  test('when a person is added, given another role, listed and removed, then each change is audited and their keys end with the account', async () => {
    const email = `board.${randomBytes(4).toString('hex')}@example.org`;
    const added = await run('staff', 'add', '--email', email, '--role', 'board', '--name', 'Bo Ard');
    expect(added.code).toBe(0);
    const id = /\(([0-9a-f]{16})\)/.exec(added.out)![1]!;
    expect(added.out).toContain(`added Bo Ard <${email}> (${id}); now board`);
    expect((await run('staff', 'add', '--email', email.toUpperCase(), '--role', 'board')).out).toContain(
      'found Bo Ard',
    );
    expect(
      (await run('staff', 'add', '--email', email, '--role', 'team-leader', '--ladder', 'cacert-support')).out,
    ).toContain('now team-leader of cacert-support');
    expect((await run('staff', 'list')).out).toContain(`${id}  ${email}`);
    expect((await run('staff', 'list')).out).toContain('[board, team-leader:cacert-support]');

    const key = await run('keys', 'create', '--role', 'board', '--name', 'Bo script', '--staff', email);
    expect(key.code).toBe(0);
    const secret = key.out.trim().split('\n').at(-1)!;
    expect(await authenticateApiKey(pool, secret)).toMatchObject({ role: 'board' });
    expect((await run('keys', 'create', '--role', 'arbitrator', '--name', 'x', '--staff', email)).out).toContain(
      `--staff: ${email} is not arbitrator`,
    );

    expect((await run('staff', 'remove', '--email', email, '--role', 'board')).out).toContain(
      `${email} no longer board`,
    );
    const removed = await run('staff', 'remove', '--email', email);
    expect(removed.out).toContain('removed Bo Ard');
    expect(await authenticateApiKey(pool, secret)).toBeUndefined();
    expect((await run('staff', 'list')).out).not.toContain(email);
    expect(await audited(id)).toEqual([
      'staff.added',
      'staff.role-granted',
      'staff.role-granted',
      'key.created',
      'staff.role-withdrawn',
      'staff.removed',
    ]);
  }, 60_000);

  test.each([
    [['add', '--email', 'tl@example.org', '--role', 'team-leader'], 'a team leader names the ladder they lead'],
    [
      ['add', '--email', 'b@example.org', '--role', 'board', '--ladder', 'cacert-support'],
      'a board acts organisation-wide',
    ],
    [['add', '--email', 'not-an-address', '--role', 'board'], '"not-an-address" is not an email address'],
    [['add', '--email', 'x@example.org', '--role', 'king'], '--role must be one of'],
    [
      ['add', '--email', 'x@example.org', '--role', 'team-leader', '--ladder', 'no-such'],
      '--ladder: no ladder "no-such"',
    ],
    [['remove', '--email', 'nobody@example.org'], 'no staff account for nobody@example.org'],
  ])(
    'when it is called with %j, then it says what is wrong and changes nothing',
    async (args, message) => {
      const before = (await pool.query('SELECT count(*)::int AS n FROM staff_accounts')).rows[0] as { n: number };
      const result = await run('staff', ...args);
      expect(result.code).not.toBe(0);
      expect(result.out).toContain(message);
      expect((await pool.query('SELECT count(*)::int AS n FROM staff_accounts')).rows[0]).toEqual(before);
    },
    30_000,
  );
});
