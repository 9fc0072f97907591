import type { Pool } from 'pg';
import type { SigningKey } from '../platform/config/local-secrets';
import type { Mailer } from '../platform/mailer';
import { renderStepLinksMail, type StepLinksTemplate } from './mail/step-links-mail';
import { issueLink } from '../platform/issue-link';
import { contributorContact } from './contact';
import { mailOnce } from './mail-once';

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
  const mail = mailOnce(pool, mailer);
  return {
    /** Mails the candidate a signed, expiring, single-use link for each step. */
    async sendStepLinks(input: SendStepLinksInput): Promise<{ messageId: string }> {
      const sent = await mail.sentMessageId(input.idempotencyKey);
      if (sent) return { messageId: sent };

      const contributor = await contributorContact(pool, input.contributorId);

      const expiresAt = new Date(Date.now() + linkTtlMs);
      const links = [];
      for (const step of input.steps) {
        const url = await issueLink(pool, signingKey, {
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          stepId: step.id,
          expiresAt,
          publicUrl,
        });
        links.push({ title: step.title, url });
      }
      const rendered = renderStepLinksMail({
        template: input.template,
        name: contributor.name,
        ladderName: input.ladderName,
        levelName: input.levelName,
        links,
        expiresAt,
      });
      const messageId = await mail.send(
        input.idempotencyKey,
        { to: contributor.email, ...rendered, links: links.map((l) => l.url) },
        {
          action: 'mail.sent',
          contributorId: input.contributorId,
          workflowId: input.workflowId,
          details: { template: input.template, steps: input.steps.map((s) => s.id) },
        },
      );
      return { messageId };
    },
  };
}
