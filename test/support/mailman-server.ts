import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { eventually } from '../../tools/testkit/eventually';
import { scratchFolder, testSystemBinary } from './test-system-binary';

export interface MailmanServer {
  /** The REST API with its admin credentials, as MAILMAN_URL takes it. */
  restUrl: string;
  /** Creates a list (and its domain) that holds everyone's posts by default. */
  addList(address: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const CREDENTIALS = { user: 'restadmin', password: 'restpass-0123456789' };

/**
 * Real Mailman 3 core on loopback: its own configuration, SQLite database and
 * queue in a temporary folder, mail going nowhere, the REST API on a free
 * port, and the lists given created on their domain.
 */
export async function startMailman(lists: string[]): Promise<MailmanServer> {
  const binary = testSystemBinary('mailman', 'mailman3', 'MAILMAN_BIN');
  const dir = scratchFolder('mailman');
  const [rest, lmtp, smtp] = [await freePort(), await freePort(), await freePort()];
  const config = path.join(dir, 'mailman.cfg');
  // Debian's package keeps Mailman's runner scripts in /usr/lib/mailman3/bin.
  const binDir = existsSync('/usr/lib/mailman3/bin') ? '/usr/lib/mailman3/bin' : path.dirname(binary);
  writeFileSync(
    config,
    [
      '[mailman]',
      'site_owner: owner@trustladder.test',
      'layout: test',
      '',
      '[paths.test]',
      `var_dir: ${dir}/var`,
      `bin_dir: ${binDir}`,
      `pid_file: ${dir}/var/master.pid`,
      '',
      '[database]',
      'class: mailman.database.sqlite.SQLiteDatabase',
      `url: sqlite:///${dir}/var/mailman.db`,
      '',
      '[webservice]',
      'hostname: 127.0.0.1',
      `port: ${rest}`,
      `admin_user: ${CREDENTIALS.user}`,
      `admin_pass: ${CREDENTIALS.password}`,
      '',
      '[mta]',
      'incoming: mailman.mta.null.NullMTA',
      'lmtp_host: 127.0.0.1',
      `lmtp_port: ${lmtp}`,
      'smtp_host: 127.0.0.1',
      `smtp_port: ${smtp}`,
      '',
    ].join('\n'),
  );
  const root = process.getuid?.() === 0 ? ['--run-as-root'] : [];
  const base = `http://127.0.0.1:${rest}/3.1`;
  const auth = {
    authorization: `Basic ${Buffer.from(`${CREDENTIALS.user}:${CREDENTIALS.password}`).toString('base64')}`,
  };
  const answering = () =>
    fetch(`${base}/system/versions`, { headers: auth }).then(
      (r) => r.ok,
      () => false,
    );
  const mailman = (command: string[]) =>
    new Promise<void>((resolve, reject) => {
      // The master runner is a daemon that keeps the descriptors it got: it gets stderr only, let go once the command exits.
      const child = spawn(binary, [...root, '-C', config, ...command], {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: true,
      });
      let said = '';
      child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
      child.once('exit', (code) => {
        child.stderr.destroy();
        if (code === 0) resolve();
        else reject(new Error(`mailman ${command.join(' ')} exited ${code}: ${said.slice(-1000)}`));
      });
    });
  const pidFile = path.join(dir, 'var', 'master.pid');
  const start = async () => {
    await mailman(['start', '--force']);
    await eventually(answering, (up) => up, 30_000);
  };
  // Stopped once the master runner is gone, not only its REST runner: a start before that finds it still there.
  const stop = async () => {
    if (!existsSync(pidFile)) return;
    await mailman(['stop']);
    await eventually(
      async () => existsSync(pidFile) || (await answering()),
      (running) => !running,
      30_000,
    );
  };
  await start();
  const post = async (url: string, body: object) => {
    const response = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`Mailman ${url}: ${response.status} ${await response.text()}`);
  };
  const domains = new Set<string>();
  // Lists hold everyone's posts by default: a post right is a member's (or non-member's) own "defer".
  const addList = async (list: string) => {
    const domain = list.split('@')[1]!;
    if (!domains.has(domain)) await post('/domains', { mail_host: domain });
    domains.add(domain);
    await post('/lists', { fqdn_listname: list });
    const settings = await fetch(`${base}/lists/${list.replace('@', '.')}/config`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ default_member_action: 'hold', default_nonmember_action: 'hold' }),
    });
    if (settings.status !== 204) throw new Error(`Mailman list settings: ${settings.status} ${await settings.text()}`);
  };
  for (const list of lists) await addList(list);
  return {
    restUrl: `http://${CREDENTIALS.user}:${CREDENTIALS.password}@127.0.0.1:${rest}/3.1`,
    addList,
    stop,
    start,
    close: stop,
  };
}
