import { renderSponsorMail } from '../mail/sponsor-mail';
import { issueLink } from '../security/issue-link';
import { writeAudit } from './audit';
import { contributorContact } from './contact';
import { mailOnce } from './mail-once';
import type { StepLinkDeps } from './step-link-activities';

export interface SponsorLinkInput {
  idempotencyKey: string;
  sponsorId: string;
  candidateId: string;
  candidateName: string;
  workflowId: string;
  ladderName: string;
  levelName: string;
}

export function createSponsorActivities({ pool, mailer, signingKey, publicUrl, linkTtlMs }: StepLinkDeps) {
  const mail = mailOnce(pool, mailer);
  return {
    /** The would-be sponsor's name and level on the ladder, or null when they are not on it. */
    async sponsorStanding(input: { sponsorId: string; ladderId: string }): Promise<{ name: string; level: string | null } | null> {
      const { rows } = await pool.query<{ name: string; level: string | null }>('SELECT name, level FROM contributors WHERE id = $1 AND ladder_id = $2', [input.sponsorId, input.ladderId]);
      return rows[0] ?? null;
    },

    /** Mails the sponsor a link that vouches for the candidate, once per key. */
    async sendSponsorLink(input: SponsorLinkInput): Promise<void> {
      if (await mail.sentMessageId(input.idempotencyKey)) return;
      const sponsor = await contributorContact(pool, input.sponsorId);
      const expiresAt = new Date(Date.now() + linkTtlMs);
      const url = await issueLink(pool, signingKey, {
        contributorId: input.candidateId,
        workflowId: input.workflowId,
        stepId: 'recommendation',
        expiresAt,
        publicUrl,
        actor: { type: 'sponsor', id: input.sponsorId },
      });
      const rendered = renderSponsorMail({ sponsorName: sponsor.name, candidateName: input.candidateName, ladderName: input.ladderName, levelName: input.levelName, url, expiresAt });
      await mail.send(
        input.idempotencyKey,
        { to: sponsor.email, ...rendered, links: [url] },
        { action: 'mail.sponsor', contributorId: input.candidateId, workflowId: input.workflowId, details: { sponsor: input.sponsorId } },
      );
    },

    /** The sponsor now answers for the candidate. */
    async recordSponsorship(input: { sponsorId: string; candidateId: string; ladderId: string; level: string; workflowId: string }): Promise<void> {
      await pool.query(
        'INSERT INTO sponsorships (sponsor_id, contributor_id, ladder_id, level, workflow_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [input.sponsorId, input.candidateId, input.ladderId, input.level, input.workflowId],
      );
      await writeAudit(pool, {
        idempotencyKey: `${input.workflowId}:sponsorship:${input.sponsorId}`,
        actor: `sponsor:${input.sponsorId}`,
        action: 'sponsor.vouched',
        contributorId: input.candidateId,
        workflowId: input.workflowId,
        details: { level: input.level },
      });
    },
  };
}
