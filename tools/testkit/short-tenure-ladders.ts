import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The shipped ladders copied into `dir`, with CAcert's 90-day Triage term of
 * service cut to a second, so a dev-server run (a test, the benchmark) can
 * reach the board's deciding vote on SE. Nothing else differs. Answers the
 * folder to use as LADDERS_DIR.
 */
export function laddersWithShortTenure(dir: string): string {
  cpSync(path.join(__dirname, '../../ladders'), dir, { recursive: true });
  const file = path.join(dir, 'cacert-support.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes('tenure: 90d'))
    throw new Error(
      'the CAcert ladder no longer has a 90-day Triage tenure: the short-tenure copy would be the same ladder',
    );
  writeFileSync(file, text.replace('tenure: 90d', 'tenure: 1s'));
  return dir;
}
