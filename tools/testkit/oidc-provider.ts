import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../platform/free-port';

export interface OidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** Starts the test's OpenID provider on loopback (oidc-provider-server.mjs), ready when it says so. */
export async function startOidcProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<OidcProvider> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'oidc-provider-server.mjs'), JSON.stringify({ port, ...client })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const issuer = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the OpenID provider exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready) resolve(ready[1]!);
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
