import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerOptions } from 'smtp-server';

export interface LoopbackSmtp {
  url: string;
  close(): Promise<void>;
}

/** A real SMTP server on a free loopback port, plain and open, as the tests' and the benchmark's mail catchers need. */
export async function listenSmtp(
  handlers: Pick<SMTPServerOptions, 'onData' | 'onMailFrom' | 'onConnect' | 'onClose' | 'socketTimeout'>,
): Promise<LoopbackSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 1_000_000,
    ...handlers,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Parses a message as it arrives, hands it on, then accepts it (or refuses it if it cannot be read). */
export function acceptParsed(
  stream: SMTPServerDataStream,
  callback: (err?: Error | null) => void,
  use: (mail: ParsedMail) => void,
): void {
  simpleParser(stream).then(
    (mail) => {
      use(mail);
      callback();
    },
    (err: Error) => callback(err),
  );
}
