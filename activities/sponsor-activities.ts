import { renderSponsorMail } from './mail/sponsor-mail';
import { writeAudit } from './audit';
import { personLinkMailer } from './person-link';
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

export function createSponsorActivities(deps: StepLinkDeps) {
  const { pool } = deps;
  const mailPersonLink = personLinkMailer(deps);
  return {
    /** The would-be sponsor's name and level on the ladder, or null when they are not on it. */
    async sponsorStanding(input: {
      sponsorId: string;
      ladderId: string;
    }): Promise<{ name: string; level: string | null } | null> {
      const { rows } = await pool.query<{ name: string; level: string | null }>(
        'SELECT name, level FROM contributors WHERE id = $1 AND ladder_id = $2',
        [input.sponsorId, input.ladderId],
      );
      return rows[0] ?? null;
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
        render: (sponsorName, url, expiresAt) =>
          renderSponsorMail({
            sponsorName,
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
      const { rows } = await pool.query<{ contributorId: string; workflowId: string }>(
        `SELECT DISTINCT c.id AS "contributorId", c.workflow_id AS "workflowId"
           FROM sponsorships s JOIN contributors c ON c.id = s.contributor_id
          WHERE s.sponsor_id = $1 ORDER BY c.id`,
        [input.sponsorId],
      );
      return rows;
    },

    /** The sponsor now answers for the candidate. */
    async recordSponsorship(input: {
      sponsorId: string;
      candidateId: string;
      ladderId: string;
      level: string;
      workflowId: string;
    }): Promise<void> {
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
