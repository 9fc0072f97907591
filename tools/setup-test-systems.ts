/**
 * `npm run setup:test-systems` (run by `npm test` first): the real servers the
 * tests start, where Debian packages them: Atheme services, Mailman 3 and
 * MediaWiki for the access adapters, and Chromium for the page tests. Installed with apt-get when missing and
 * this runs as root; otherwise it says what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { onPath } from './dev/on-path';

/** Each server, how to tell it is there, and the Debian packages that bring it. */
const PACKAGES = [
  { debian: ['atheme-services'], env: 'ATHEME_SERVICES', present: () => onPath('atheme-services') !== undefined },
  { debian: ['mailman3'], env: 'MAILMAN_BIN', present: () => onPath('mailman') !== undefined },
  {
    debian: ['mediawiki', 'php-sqlite3', 'php-cli'],
    env: 'MEDIAWIKI_DIR',
    present: () => onPath('php') !== undefined && existsSync('/usr/share/mediawiki/api.php'),
  },
  {
    debian: ['chromium', 'fonts-dejavu-core'],
    env: 'CHROMIUM_BIN',
    present: () => existsSync('/usr/bin/chromium'),
  },
];

function main(): number {
  const missing = PACKAGES.filter((p) => !process.env[p.env] && !p.present());
  if (missing.length === 0) return 0;
  const names = missing.flatMap((p) => p.debian);
  const root = process.getuid?.() === 0;
  if (!root || !onPath('apt-get')) {
    console.error(
      `The tests start real ${names.join(', ')} servers, which are not installed. Install the Debian package(s): sudo apt-get install ${names.join(' ')} (or set ${missing.map((p) => p.env).join(', ')} to the binary).`,
    );
    return 1;
  }
  console.log(`installing ${names.join(', ')} from Debian for the tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...names],
  ]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (${run.status})`);
      return 1;
    }
  }
  return 0;
}

process.exitCode = main();
