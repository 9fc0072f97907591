import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../platform/free-port';
import { eventually } from '../../tools/testkit/eventually';
import { stopProcess } from '../../tools/dev/stop-process';
import { scratchFolder, testSystemBinary } from './test-system-binary';

export interface MediaWikiServer {
  apiUrl: string;
  /** The bot password trustladder logs in with (Special:BotPasswords: "user@app"). */
  user: string;
  password: string;
  /** Creates a wiki account; answers its name as the wiki writes it (first letter capital). */
  register(name: string): string;
  /** Saves a page as that user: an edit, as a person at work on the wiki makes it. */
  edit(user: string, title: string, text: string): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Bot passwords are 32 or more of 0-9 and a-w: MediaWiki takes nothing else as one. */
const BOT_PASSWORD = 'trustladder0123456789abcdefghijkl';

/**
 * Real MediaWiki from Debian's package, installed afresh on SQLite in a
 * temporary folder and served by `php -S` on loopback, with the groups given
 * and a bot password for trustladder's account.
 */
export async function startMediaWiki(groups: string[]): Promise<MediaWikiServer> {
  const php = testSystemBinary('php', 'php-cli', 'PHP_BIN');
  const home = process.env.MEDIAWIKI_DIR ?? '/usr/share/mediawiki';
  if (!existsSync(path.join(home, 'api.php')))
    throw new Error(
      `MediaWiki is not installed at ${home}: run \`npm run setup:test-systems\` (Debian package mediawiki), or set MEDIAWIKI_DIR`,
    );
  const dir = scratchFolder('mediawiki');
  const port = await freePort();
  const settings = path.join(dir, 'LocalSettings.php');
  const env = { ...process.env, MW_CONFIG_FILE: settings };
  const maintenance = (script: string, args: string[], input?: string) => {
    const run = spawnSync(php, [path.join(home, 'maintenance', script), ...args], {
      env,
      encoding: 'utf8',
      ...(input === undefined ? {} : { input }),
    });
    if (run.status !== 0) throw new Error(`MediaWiki ${script} failed: ${(run.stdout + run.stderr).slice(-1500)}`);
  };
  maintenance('install.php', [
    '--dbtype',
    'sqlite',
    '--dbpath',
    dir,
    '--dbname',
    'wiki',
    '--server',
    `http://127.0.0.1:${port}`,
    '--scriptpath',
    '',
    '--pass',
    'admin-password-0123456789',
    '--confpath',
    dir,
    '--lang',
    'en',
    'trustladder test wiki',
    'Admin',
  ]);
  appendFileSync(
    settings,
    [
      '',
      // Sessions must outlive a request for the login token to count.
      '$wgMainCacheType = CACHE_DB; $wgSessionCacheType = CACHE_DB;',
      ...groups.map((g) => `$wgGroupPermissions['${g}']['read'] = true;`),
      "$wgGrantPermissions['manageaccess']['userrights'] = true;",
      '',
    ].join('\n'),
  );
  maintenance('createAndPromote.php', ['--bureaucrat', 'Trustladder', 'trustladder-password-0123456789']);
  maintenance('createBotPassword.php', [
    '--grants',
    'basic,manageaccess',
    '--appid',
    'access',
    'Trustladder',
    BOT_PASSWORD,
  ]);

  const apiUrl = `http://127.0.0.1:${port}/api.php`;
  let child: ChildProcess | undefined;
  const answering = () =>
    fetch(`${apiUrl}?action=query&meta=siteinfo&format=json`).then(
      (r) => r.ok,
      () => false,
    );
  const start = async () => {
    child = spawn(php, ['-S', `127.0.0.1:${port}`, '-t', home], { env, stdio: 'ignore' });
    await eventually(answering, (up) => up, 10_000);
  };
  const stop = async () => {
    await stopProcess(child);
    child = undefined;
  };
  await start();
  return {
    apiUrl,
    user: 'Trustladder@access',
    password: BOT_PASSWORD,
    register: (name) => {
      maintenance('createAndPromote.php', [name, `${name}-password-0123456789`]);
      return name.charAt(0).toUpperCase() + name.slice(1);
    },
    edit: (user, title, text) => maintenance('edit.php', ['--user', user, '--summary', 'at work', title], text),
    stop,
    start,
    close: stop,
  };
}
