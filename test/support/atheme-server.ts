import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { eventually } from '../../tools/testkit/eventually';
import { stopProcess } from '../../tools/dev/stop-process';
import { scratchFolder, testSystemBinary } from './test-system-binary';

export interface AthemeServer {
  /** The JSON-RPC endpoint. */
  url: string;
  /** The services account trustladder acts as: founder of every seeded channel. */
  account: string;
  password: string;
  /** Registers a services account, as a person would with /msg NickServ REGISTER. */
  register(account: string): Promise<void>;
  /** Stops the services (a down target); `start` brings them back with what they held. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const TEMPLATE = path.join(__dirname, '../fixtures/atheme/atheme.conf');

/**
 * Real Atheme services on loopback, with the channels given registered to
 * trustladder's account. No IRC server: JSON-RPC works on the services'
 * database alone, which is all access management needs.
 */
export async function startAtheme(channels: string[]): Promise<AthemeServer> {
  const binary = testSystemBinary('atheme-services', 'atheme-services', 'ATHEME_SERVICES');
  const dir = scratchFolder('atheme');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/jsonrpc`;
  writeFileSync(path.join(dir, 'atheme.conf'), readFileSync(TEMPLATE, 'utf8').replace('__PORT__', String(port)));
  let child: ChildProcess | undefined;

  const rpc = async (method: string, params: string[]) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: '1' }),
    });
    return (await response.json()) as { result: string | null; error: { message: string } | null };
  };
  const answering = async () => {
    try {
      await rpc('atheme.login', ['nobody', 'nothing', '127.0.0.1']);
      return true;
    } catch {
      return false;
    }
  };
  const start = async () => {
    child = spawn(
      binary,
      [
        '-n',
        '-c',
        path.join(dir, 'atheme.conf'),
        '-D',
        dir,
        '-p',
        path.join(dir, 'atheme.pid'),
        '-l',
        path.join(dir, 'atheme.log'),
      ],
      { stdio: 'ignore' },
    );
    try {
      await eventually(answering, (up) => up, 10_000);
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(
        `Atheme did not answer on ${url}; its log:\n${readFileSync(path.join(dir, 'atheme.log'), 'utf8').slice(-2000)}`,
        { cause: err },
      );
    }
  };
  // The services write their database when they stop.
  const stop = async () => {
    await stopProcess(child);
    child = undefined;
  };
  const register = async (account: string) => {
    const answer = await rpc('atheme.command', [
      '.',
      '*',
      '127.0.0.1',
      'NickServ',
      'REGISTER',
      account,
      `pw-${account}-0123456789`,
      `${account}@trustladder.test`,
    ]);
    if (answer.error) throw new Error(`registering ${account} on Atheme: ${answer.error.message}`);
  };

  const server: AthemeServer = {
    url,
    account: 'trustladder',
    password: 'trustladder-0123456789',
    register,
    stop,
    start,
    close: stop,
  };
  await start();
  const answer = await rpc('atheme.command', [
    '.',
    '*',
    '127.0.0.1',
    'NickServ',
    'REGISTER',
    server.account,
    server.password,
    'trustladder@trustladder.test',
  ]);
  if (answer.error) throw new Error(`registering trustladder's account on Atheme: ${answer.error.message}`);
  await stop();
  // A channel is registered on IRC by its founder; here it goes straight into the database (opensex format).
  const now = Math.floor(Date.now() / 1000);
  for (const channel of channels)
    appendFileSync(
      path.join(dir, 'services.db'),
      `MC ${channel} ${now} ${now} + 0 0 0\nCA ${channel} ${server.account} +AFRefiorstv ${now} ${server.account}\n`,
    );
  await start();
  return server;
}
