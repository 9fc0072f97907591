import type { ParsedMail } from 'mailparser';
import { acceptParsed, listenSmtp } from '../tools/testkit/loopback-smtp';

export interface MailSink {
  url: string;
  /** Messages accepted so far, read or not. */
  received(): number;
  /** Keeps the mail to `address` from now on, parsed, for `waitFor`. */
  watch(address: string): void;
  /** The first kept message to `address` whose subject contains `subject`; taken, so the next call waits for another. */
  waitFor(address: string, subject: string, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

interface Waiter {
  subject: string;
  resolve: (mail: ParsedMail) => void;
}

/**
 * A real SMTP server on loopback for the benchmark. Unlike the tests' capture
 * it parses only the mail of candidates the benchmark walks, so that ten
 * thousand welcome mails cost it next to nothing.
 */
export async function startMailSink(): Promise<MailSink> {
  const kept = new Map<string, ParsedMail[]>();
  const waiters = new Map<string, Waiter[]>();
  let received = 0;

  const deliver = (address: string, mail: ParsedMail) => {
    const waiting = waiters.get(address) ?? [];
    const waiter = waiting.find((w) => mail.subject?.includes(w.subject));
    if (waiter) waiting.splice(waiting.indexOf(waiter), 1);
    else kept.get(address)!.push(mail);
    waiter?.resolve(mail);
  };

  const server = await listenSmtp({
    onData(stream, session, callback) {
      received++;
      const watched = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).filter((a) => kept.has(a));
      if (watched.length === 0) {
        stream.on('end', () => callback()).resume();
        return;
      }
      acceptParsed(stream, callback, (mail) => {
        for (const address of watched) deliver(address, mail);
      });
    },
  });

  return {
    url: server.url,
    received: () => received,
    watch(address) {
      if (!kept.has(address.toLowerCase())) kept.set(address.toLowerCase(), []);
    },
    waitFor(address, subject, timeoutMs = 120_000) {
      const key = address.toLowerCase();
      const inbox = kept.get(key);
      if (!inbox) throw new Error(`${address} is not watched`);
      const found = inbox.find((m) => m.subject?.includes(subject));
      if (found) {
        inbox.splice(inbox.indexOf(found), 1);
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { subject, resolve: (mail) => (clearTimeout(timer), resolve(mail)) };
        const timer = setTimeout(() => {
          waiters.get(key)!.splice(waiters.get(key)!.indexOf(waiter), 1);
          reject(new Error(`no mail "${subject}" to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(key, [...(waiters.get(key) ?? []), waiter]);
      });
    },
    close: () => server.close(),
  };
}
