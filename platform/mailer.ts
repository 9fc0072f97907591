import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from './logger';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Logged in outbox mode only, so a newcomer without SMTP can click through. */
  links?: string[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Sends through SMTP_URL, or, with none configured, writes each message as an
 * .eml file to the outbox folder: both through nodemailer, so the message is
 * the same either way.
 *
 * SMTP connections are pooled: a message goes over a connection already open
 * when there is one, instead of a connection and greeting of its own (about
 * half of what sending cost the worker, in a profile). The URL's own query
 * can say otherwise (`?pool=false`, `?maxConnections=2`). A connection the
 * server has closed is dropped from the pool; a message caught on it is tried
 * again on a new one a few times, then fails its activity, which Temporal
 * retries.
 */
export function createMailer(options: { smtpUrl?: string; from: string; outboxDir: string; log: Logger }): Mailer {
  const { smtpUrl, from, outboxDir, log } = options;
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport({ url: smtpUrl, pool: true })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  return {
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      if (!smtpUrl) {
        mkdirSync(outboxDir, { recursive: true });
        const file = path.join(
          outboxDir,
          `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`,
        );
        writeFileSync(file, info.message as Buffer);
        log.info(
          { file, subject: mail.subject, links: mail.links },
          'mail written to the outbox (SMTP_URL is not set)',
        );
      }
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
