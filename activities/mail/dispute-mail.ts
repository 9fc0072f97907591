import { htmlOfText } from './compose';

/**
 * The Arbitrated Background Check request, in the words CAcert's Support Team
 * Leader used to file it with arbitration.
 */
export function renderDisputeMail(input: {
  disputeId: string;
  name: string;
  email: string;
  ladderName: string;
  currentLevel: string;
  targetLevel: string;
  reminder: number;
}): { subject: string; text: string; html: string } {
  const subject = `${input.reminder > 0 ? `Reminder ${input.reminder}: ` : ''}DISPUTE: Arbitrated Background Check over ${input.name}`;
  const text = [
    `Please file DISPUTE to request Arbitrated Background Check over ${input.name} <${input.email}>.`,
    `${input.name} currently works as ${input.currentLevel} within ${input.ladderName}.`,
    '',
    `The direct result is to propose ${input.name} to the board for the role of ${input.targetLevel}, as covered by Security Policy 9.1.4.2.`,
    'However the Arbitrated Background Check can be seen as broad and independent of this work.',
    '',
    `Reference: ${input.disputeId}`,
    'The arbitrator records the verdict through trustladder: POST /v1/disputes/{reference}/verdict.',
  ].join('\n');
  return { subject, text, html: htmlOfText(subject, text) };
}
