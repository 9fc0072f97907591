import type { Pool } from 'pg';
import type { SigningKey } from '../config/local-secrets';
import type { Mailer } from '../mail/mailer';
import { renderStepLinksMail, type StepLinksTemplate } from '../mail/step-links-mail';
import { issueLink } from '../security/issue-link';
import { writeAudit } from './audit';
import { permanentFailure } from './failures';

export interface SendStepLinksInput {
  /** One mail per key: a retried activity does not send it again. */
  idempotencyKey: string;
  template: StepLinksTemplate;
  contributorId: string;
  workflowId: string;
  ladderName: string;
  levelName: string;
  steps: { id: string; title: string }[];
}

export interface StepLinkDeps {
  pool: Pool;
  mailer: Mailer;
  signingKey: SigningKey;
  publicUrl: string;
  linkTtlMs: number;
}

export function createStepLinkActivities({ pool, mailer, signingKey, publicUrl, linkTtlMs }: StepLinkDeps) {
  return {
    /** Mails the candidate a signed, expiring, single-use link for each step. */
    async sendStepLinks(input: SendStepLinksInput): Promise<{ messageId: string }> {
      const sent = await pool.query<{ message_id: string }>('SELECT message_id FROM sent_mail WHERE idempotency_key = $1', [input.idempotencyKey]);
      if (sent.rows[0]) return { messageId: sent.rows[0].message_id };

      const found = await pool.query<{ name: string; email: string }>('SELECT name, email FROM contributors WHERE id = $1', [input.contributorId]);
      const contributor = found.rows[0];
      if (!contributor) throw permanentFailure('UnknownContributor', `contributor ${input.contributorId} has no record to mail`);

      const expiresAt = new Date(Date.now() + linkTtlMs);
      const links = [];
      for (const step of input.steps) {
        const url = await issueLink(pool, signingKey, { contributorId: input.contributorId, workflowId: input.workflowId, stepId: step.id, expiresAt, publicUrl });
        links.push({ title: step.title, url });
      }
      const mail = renderStepLinksMail({ template: input.template, name: contributor.name, ladderName: input.ladderName, levelName: input.levelName, links, expiresAt });
      const { messageId } = await mailer.send({ to: contributor.email, ...mail, links: links.map((l) => l.url) });

      await pool.query('INSERT INTO sent_mail (idempotency_key, message_id, recipient, subject) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        input.idempotencyKey,
        messageId,
        contributor.email,
        mail.subject,
      ]);
      await writeAudit(pool, {
        idempotencyKey: `${input.idempotencyKey}:sent`,
        actor: 'system',
        action: 'mail.sent',
        contributorId: input.contributorId,
        workflowId: input.workflowId,
        details: { template: input.template, messageId, steps: input.steps.map((s) => s.id) },
      });
      return { messageId };
    },
  };
}
