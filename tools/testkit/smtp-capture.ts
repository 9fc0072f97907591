import type { ParsedMail } from 'mailparser';
import { acceptParsed, listenSmtp } from './loopback-smtp';

export interface SmtpCapture {
  url: string;
  messages: ParsedMail[];
  /** While true, every message is refused with 421, as a mail server that is down for maintenance answers. */
  refusing: boolean;
  /** Messages refused so far. */
  refused: number;
  /** Resolves with the first message (already received or yet to come) that matches. */
  waitFor(match: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps every message it is handed, parsed. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: ParsedMail[] = [];
  const waiters: { match: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] = [];
  const state = { refusing: false, refused: 0 };
  const server = await listenSmtp({
    onMailFrom(_address, _session, callback) {
      if (!state.refusing) return callback();
      state.refused++;
      callback(Object.assign(new Error('Service not available, closing transmission channel'), { responseCode: 421 }));
    },
    onData(stream, _session, callback) {
      acceptParsed(stream, callback, (mail) => {
        messages.push(mail);
        for (const waiter of waiters.filter((w) => w.match(mail))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(mail);
        }
      });
    },
  });

  return {
    url: server.url,
    messages,
    get refusing() {
      return state.refusing;
    },
    set refusing(value: boolean) {
      state.refusing = value;
    },
    get refused() {
      return state.refused;
    },
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching mail within ${timeoutMs} ms; got ${messages.length} others`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (mail) => (clearTimeout(timer), resolve(mail)) });
      });
    },
    close: () => server.close(),
  };
}

/** The emailed links of a message's text part. */
export function linksIn(mail: ParsedMail): string[] {
  return [...(mail.text ?? '').matchAll(/https?:\/\/\S+\/links\/[A-Za-z0-9_.-]+/g)].map((m) => m[0]);
}

/** The link to the recipient's progress page, which every mail to a candidate carries. */
export function progressLinkIn(mail: ParsedMail): string | undefined {
  return /https?:\/\/\S+\/progress\/[A-Za-z0-9_.-]+/.exec(mail.text ?? '')?.[0];
}

/** The console sign-in link a message carries. */
export function signInLinkIn(mail: ParsedMail): string | undefined {
  return /https?:\/\/\S+\/console\/sign-in\/[A-Za-z0-9_.-]+/.exec(mail.text ?? '')?.[0];
}
