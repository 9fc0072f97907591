import type { ParsedMail } from 'mailparser';
import { createLogger } from '../../platform/logger';
import { createMailer, type Mailer } from '../../platform/mailer';
import { eventually } from '../../tools/testkit/eventually';
import { acceptParsed, listenSmtp, type LoopbackSmtp } from '../../tools/testkit/loopback-smtp';

/** The mailer against a real SMTP server that counts the connections made to it. */
describe('mailer over SMTP', () => {
  let server: LoopbackSmtp;
  let mailer: Mailer | undefined;
  const seen = { connections: 0, closed: 0, messages: [] as ParsedMail[] };

  beforeAll(async () => {
    server = await listenSmtp({
      // Idle connections are closed by the server soon, as real servers do after minutes.
      socketTimeout: 300,
      onConnect: (_session, callback) => (seen.connections++, callback()),
      onClose: () => void seen.closed++,
      onData: (stream, _session, callback) => acceptParsed(stream, callback, (mail) => seen.messages.push(mail)),
    });
  });
  afterEach(() => mailer?.close());
  afterAll(() => server?.close());

  const mail = (n: number) => ({
    to: `ann.${n}@example.org`,
    subject: `Message ${n}`,
    text: `text ${n}`,
    html: `<p>html ${n}</p>`,
  });
  const subjects = () => seen.messages.map((m) => m.subject);
  const mailerTo = (smtpUrl: string) =>
    createMailer({ smtpUrl, from: 'tl <tl@example.org>', outboxDir: '/nonexistent', log: createLogger('silent') });

  test('when messages follow one another, then they share one connection; once the server has closed it, the next message opens another and arrives', async () => {
    mailer = mailerTo(server.url);
    const before = seen.connections;
    for (const n of [1, 2, 3]) await mailer.send(mail(n));
    expect(seen.connections - before).toBe(1);
    expect(subjects()).toEqual(['Message 1', 'Message 2', 'Message 3']);

    const closed = seen.closed;
    await eventually(
      async () => seen.closed,
      (n) => n > closed,
      10_000,
    );
    await mailer.send(mail(4));
    expect(seen.connections - before).toBe(2);
    expect(subjects()).toEqual(['Message 1', 'Message 2', 'Message 3', 'Message 4']);
  });

  test('when the URL asks for no pool, then each message has a connection of its own', async () => {
    mailer = mailerTo(`${server.url}?pool=false`);
    const before = seen.connections;
    for (const n of [5, 6]) await mailer.send(mail(n));
    expect(seen.connections - before).toBe(2);
    expect(subjects().slice(-2)).toEqual(['Message 5', 'Message 6']);
  });
});
