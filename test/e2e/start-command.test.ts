import { execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { PROJECT_ROOT } from '../../tools/dev/python-tools';
import { startCommandSetup, startSystem, stopSystem, type StartCommandSetup } from '../../tools/dev/start-command';
import { linksIn } from '../../tools/testkit/smtp-capture';
import { formPost } from '../../tools/testkit/link-form';

/**
 * `npm start` as a newcomer runs it: no DATABASE_URL, no TEMPORAL_ADDRESS, no
 * SMTP_URL. It must come up, take a contributor through the first step from
 * the outbox, stop cleanly on Ctrl-C and come back with everything kept.
 */
describe('npm start', () => {
  let setup: StartCommandSetup;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    setup = await startCommandSetup('start');
  });
  afterAll(async () => {
    if (running) await stopSystem(running);
    rmSync(setup.dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<ChildProcess> {
    running = await startSystem(setup);
    return running;
  }
  async function stop(child: ChildProcess): Promise<number | null> {
    running = undefined;
    return stopSystem(child);
  }

  async function outboxMail(email: string) {
    const outbox = path.join(setup.dataDir, 'outbox');
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
    const { api, ui, env } = setup;
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
    expect((await fetch(link!.replace(/^http:\/\/localhost:\d+/, api), formPost())).status).toBe(200);

    expect(await stop(child)).toBe(0);
    await expect(fetch(`${api}/healthz`)).rejects.toThrow();

    child = await start();
    const status = (await (await fetch(`${api}/v1/contributors/${id}`, { headers })).json()) as {
      steps: { id: string; status: string }[];
    };
    expect(status.steps).toContainEqual(expect.objectContaining({ id: 'agreement:CCA', status: 'done' }));
    expect(await stop(child)).toBe(0);
  }, 180_000);
});
