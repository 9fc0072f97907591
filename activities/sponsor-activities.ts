import { languageOf } from '../platform/i18n';
import { renderSponsorMail } from './mail/sponsor-mail';
import { writeWithAudit, type AuditEvent } from './audit';
import { personLinkMailer } from './person-link';
import type { StepLinkDeps } from './step-link-activities';
import { standingOn } from '../store/contributors';
import { recordSponsorship, sponsoredBy } from '../store/sponsorships';

export interface SponsorLinkInput {
  idempotencyKey: string;
  sponsorId: string;
  candidateId: string;
  candidateName: string;
  workflowId: string;
  ladderName: string;
  levelName: string;
}

export function createSponsorActivities(deps: StepLinkDeps) {
  const { pool } = deps;
  const mailPersonLink = personLinkMailer(deps);
  return {
    /** The would-be sponsor's name and level on the ladder, or null when they are not on it. */
    async sponsorStanding(input: {
      sponsorId: string;
      ladderId: string;
    }): Promise<{ name: string; level: string | null } | null> {
      return (await standingOn(pool, input.sponsorId, input.ladderId)) ?? null;
    },

    /** Mails the sponsor a link that vouches for the candidate, once per key. */
    async sendSponsorLink(input: SponsorLinkInput): Promise<void> {
      await mailPersonLink({
        idempotencyKey: input.idempotencyKey,
        role: 'sponsor',
        personId: input.sponsorId,
        candidateId: input.candidateId,
        workflowId: input.workflowId,
        stepId: 'recommendation',
        render: (sponsor, url, expiresAt) =>
          renderSponsorMail({
            language: languageOf(sponsor.language),
            sponsorName: sponsor.name,
            candidateName: input.candidateName,
            ladderName: input.ladderName,
            levelName: input.levelName,
            url,
            expiresAt,
          }),
      });
    },

    /** Everyone the sponsor vouched for, with the workflow that follows them. */
    async sponsoredBy(input: { sponsorId: string }): Promise<{ contributorId: string; workflowId: string }[]> {
      return sponsoredBy(pool, input.sponsorId);
    },

    /** The sponsor now answers for the candidate: the sponsorship and the audit row of the vouch, in one transaction. */
    async recordSponsorship(input: {
      sponsorId: string;
      candidateId: string;
      ladderId: string;
      level: string;
      workflowId: string;
      statement?: string;
      audit: AuditEvent;
    }): Promise<void> {
      await writeWithAudit(pool, input.audit, (db) =>
        recordSponsorship(db, {
          sponsorId: input.sponsorId,
          contributorId: input.candidateId,
          ladderId: input.ladderId,
          statement: input.statement ?? null,
          level: input.level,
          workflowId: input.workflowId,
        }),
      );
    },
  };
}
