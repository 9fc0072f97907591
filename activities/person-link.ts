import { issueLink } from '../platform/issue-link';
import { contributorContact } from './contact';
import { mailOnce } from './mail-once';
import type { RenderedMail } from './mail/compose';
import type { Contact } from '../store/contributors';
import type { StepLinkDeps } from './step-link-activities';

export interface PersonLink {
  idempotencyKey: string;
  /** Who acts: a sponsor vouching, a peer voting. */
  role: 'sponsor' | 'peer';
  personId: string;
  candidateId: string;
  workflowId: string;
  stepId: string;
  /** The mail, given the person (name, language) and their link. */
  render: (person: Contact, url: string, expiresAt: Date) => RenderedMail;
}

/**
 * Mails a member other than the candidate a link that acts on the
 * candidate's step in their own name, once per idempotency key.
 */
export function personLinkMailer({ pool, mailer, signingKey, publicUrl, linkTtlMs }: StepLinkDeps) {
  const mail = mailOnce(pool, mailer);
  return async (link: PersonLink): Promise<void> => {
    if (await mail.sentMessageId(link.idempotencyKey)) return;
    const person = await contributorContact(pool, link.personId);
    const expiresAt = new Date(Date.now() + linkTtlMs);
    const url = await issueLink(pool, signingKey, {
      contributorId: link.candidateId,
      workflowId: link.workflowId,
      stepId: link.stepId,
      expiresAt,
      publicUrl,
      actor: { type: link.role, id: link.personId },
    });
    await mail.send(
      link.idempotencyKey,
      { to: person.email, ...link.render(person, url, expiresAt), links: [url] },
      {
        action: `mail.${link.role}`,
        contributorId: link.candidateId,
        workflowId: link.workflowId,
        details: { [link.role]: link.personId },
      },
    );
  };
}
