import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { freePort } from '../../platform/free-port';
import { PROJECT_ROOT } from '../../tools/dev/python-tools';
import { linksIn } from '../../tools/testkit/smtp-capture';

/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, no TEMPORAL_ADDRESS, no
 * SMTP_URL. It must come up, take a contributor through the first step from
 * the outbox, stop cleanly on Ctrl-C and come back with everything kept.
 */
describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let api: string;
  let ui: string;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'trustladder-start-'));
    chmodSync(dataDir, 0o755);
    const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      LOG_LEVEL: 'warn',
    };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PUBLIC_URL', 'LINK_SIGNING_KEYS'])
      delete env[name];
    api = `http://127.0.0.1:${port}`;
    ui = `http://127.0.0.1:${uiPort}`;
  });
  afterAll(async () => {
    if (running) await stop(running);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Like a terminal's Ctrl-C: SIGINT to the whole process group. */
  function stop(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => {
      child.once('exit', (code) => resolve(code));
      process.kill(-child.pid!, 'SIGINT');
    });
  }

  async function start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts'], {
      cwd: PROJECT_ROOT,
      env,
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise<never>((_resolve, reject) =>
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}`))),
    );
    // Readiness is polled, bounded by the test's timeout; the exit of the process ends the wait early.
    const ready = (async () => {
      for (;;) {
        const ok = await fetch(`${api}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    await Promise.race([ready, exited]);
    running = child;
    return child;
  }

  async function outboxMail(email: string) {
    const outbox = path.join(dataDir, 'outbox');
    for (;;) {
      const files = (() => {
        try {
          return readdirSync(outbox);
        } catch {
          return [];
        }
      })();
      for (const file of files) {
        const mail = await simpleParser(readFileSync(path.join(outbox, file)));
        if (JSON.stringify(mail.to).includes(email)) return mail;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  test('when started, used, stopped with Ctrl-C and started again, then the contributor and its state are kept', async () => {
    let child = await start();
    expect((await fetch(ui)).status).toBe(200);

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'cli/keys.ts',
        'create',
        '--role',
        'team-leader',
        '--ladder',
        'cacert-support',
        '--name',
        'Newcomer',
      ],
      {
        cwd: PROJECT_ROOT,
        env,
      },
    );
    const key = stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^tlk_/);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

    const created = await fetch(`${api}/v1/contributors`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Ann', email: 'ann@example.org', ladder: 'cacert-support' }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const [link] = linksIn(await outboxMail('ann@example.org'));
    expect((await fetch(link!.replace(/^http:\/\/localhost:\d+/, api), { method: 'POST' })).status).toBe(200);

    expect(await stop(child)).toBe(0);
    running = undefined;
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();

    child = await start();
    const status = (await (await fetch(`${api}/v1/contributors/${id}`, { headers })).json()) as {
      steps: { id: string; status: string }[];
    };
    expect(status.steps).toContainEqual(expect.objectContaining({ id: 'agreement:CCA', status: 'done' }));
    expect(await stop(child)).toBe(0);
    running = undefined;
  }, 180_000);
});
