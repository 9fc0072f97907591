import type { Pool } from 'pg';
import type { SigningKey } from '../platform/config/local-secrets';
import type { Mailer } from '../platform/mailer';
import type { AgreementDocument, StepLabel } from '../domain/ladder';
import { languageOf } from '../platform/i18n';
import { renderStepLinksMail, type StepLinksTemplate } from './mail/step-links-mail';
import { issueLink, progressUrl } from '../platform/issue-link';
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
  steps: { id: string; title: string; label?: StepLabel; document?: AgreementDocument & { id: string } }[];
}

export interface StepLinkDeps {
  pool: Pool;
  mailer: Mailer;
  signingKey: SigningKey;
  publicUrl: string;
  linkTtlMs: number;
  /** How long the progress page's link in each mail works. */
  progressTtlMs: number;
}

export function createStepLinkActivities(deps: StepLinkDeps) {
  const { pool, mailer, signingKey, publicUrl, linkTtlMs } = deps;
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
        links.push({ ...step, url });
      }
      const progress = contributorProgressUrl(deps, input.contributorId);
      const rendered = renderStepLinksMail({
        template: input.template,
        language: languageOf(contributor.language),
        progressUrl: progress,
        name: contributor.name,
        ladderName: input.ladderName,
        levelName: input.levelName,
        links,
        expiresAt,
      });
      const messageId = await mail.send(
        input.idempotencyKey,
        { to: contributor.email, ...rendered, links: [...links.map((l) => l.url), progress] },
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

/** The progress page's address for a mail to the contributor, valid for the configured time from now. */
export function contributorProgressUrl(deps: StepLinkDeps, contributorId: string): string {
  return progressUrl(deps.signingKey, { contributorId, publicUrl: deps.publicUrl, ttlMs: deps.progressTtlMs });
}
