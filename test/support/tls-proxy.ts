import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer } from 'node:tls';
import type { TestCertificates } from './test-certificates';

export interface TlsProxy {
  address: string;
  /** Connections that showed a client certificate the CA signed. */
  authorized: number;
  /** Handshakes refused (no certificate, or one the CA did not sign). */
  refused: number;
  close(): Promise<void>;
}

/**
 * A TLS front for a plain gRPC server, as a Temporal cluster behind TLS
 * looks to its clients: it speaks HTTP/2 over TLS and, like a namespace that
 * authenticates by mTLS, only to clients whose certificate its CA signed.
 */
export async function startTlsProxy(target: string, certs: TestCertificates): Promise<TlsProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const counts = { authorized: 0, refused: 0 };
  const server = createServer(
    {
      key: readFileSync(certs.serverKey),
      cert: readFileSync(certs.serverCert),
      ca: readFileSync(certs.ca),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      counts.authorized++;
      const upstream = connect(port, host);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  server.on('tlsClientError', () => counts.refused++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: proxyPort } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${proxyPort}`,
    get authorized() {
      return counts.authorized;
    },
    get refused() {
      return counts.refused;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
