import type { Ladder } from '../../domain/ladder';
import type { Caller } from '../../platform/api-keys';
import { addStaff, removeStaffAccess, staffAccountByEmail, staffAccountById } from '../../platform/staff-accounts';
import { appendAudit } from '../../store/audit';
import { leadOf, openItemsOf, revokeLadderKeysOf, setLead, type OpenItem } from '../../store/leads';
import { inTransaction } from '../../store/transaction';
import { conflict } from '../problem';
import type { MailingDeps, UseCaseDeps } from './deps';
import { htmlOfText } from '../../activities/mail/compose';

export interface Handover {
  /** The successor's email: their staff account, made if they have none. */
  to: string;
  /** The successor's name, for an account made now. */
  name?: string;
  /** The outgoing team leader keeps their role and keys for the ladder. */
  keepOutgoing?: boolean;
  note?: string;
}

export interface HandoverResult {
  ladder: string;
  from: { id: string; name: string; email: string } | null;
  to: { id: string; name: string; email: string };
  /** Whether the outgoing team leader's role and keys for the ladder ended. */
  outgoingEnded: boolean;
  keysRevoked: string[];
  open: OpenItem[];
  /** Whether the successor was mailed what is open. */
  mailed: boolean;
}

/** Who leads the ladder now: its lead since a handover, else the file's contact, else a team leader handing it over. */
async function outgoingOf(deps: UseCaseDeps, caller: Caller, ladder: Ladder) {
  const lead = await leadOf(deps.pool, ladder.id);
  if (lead) return staffAccountById(deps.pool, lead.staffId);
  const contact = ladder.contacts?.teamLeader;
  const contactAccount = contact ? await staffAccountByEmail(deps.pool, contact) : undefined;
  if (contactAccount) return contactAccount;
  return caller.role === 'team-leader' && caller.staffId ? staffAccountById(deps.pool, caller.staffId) : undefined;
}

/**
 * A ladder passes to a successor: from now on its escalations, reviews and
 * follow-ups go to them (activities/notice-activities.ts reads the lead as
 * it sends). The successor is made a team leader of the ladder and told
 * what is open; the outgoing team leader's role and keys for the ladder end,
 * unless asked to stay. Everything is audited.
 */
export async function handOver(
  deps: MailingDeps,
  caller: Caller,
  ladder: Ladder,
  handover: Handover,
): Promise<HandoverResult> {
  const actor = `${caller.role}:${caller.id}`;
  const outgoing = await outgoingOf(deps, caller, ladder);
  if (outgoing && outgoing.email.toLowerCase() === handover.to.trim().toLowerCase())
    throw conflict(`${outgoing.name} leads the ${ladder.name} ladder already`);
  const { account: successor } = await addStaff(
    deps.pool,
    {
      email: handover.to.trim(),
      role: 'team-leader',
      ladderId: ladder.id,
      ...(handover.name ? { name: handover.name } : {}),
    },
    actor,
  );
  let keysRevoked: string[] = [];
  const ending = outgoing !== undefined && !handover.keepOutgoing;
  if (ending) {
    await removeStaffAccess(deps.pool, { email: outgoing.email, role: 'team-leader', ladderId: ladder.id }, actor);
    keysRevoked = await revokeLadderKeysOf(deps.pool, outgoing.id, ladder.id);
  }
  const open = await openItemsOf(deps.pool, ladder.id);
  await inTransaction(deps.pool, async (db) => {
    await setLead(db, ladder.id, successor.id, actor);
    await appendAudit(db, {
      idempotencyKey: `handover:${ladder.id}:${successor.id}:${Date.now()}`,
      actor,
      action: 'ladder.handed-over',
      details: {
        ladder: ladder.id,
        from: outgoing?.id ?? null,
        to: successor.id,
        outgoingEnded: ending,
        keysRevoked,
        open: open.length,
        ...(handover.note ? { note: handover.note } : {}),
      },
    });
  });
  const person = (a: { id: string; name: string; email: string }) => ({ id: a.id, name: a.name, email: a.email });
  const lines = open.map(
    (o) =>
      `- ${o.name}: ${o.target ? `on the way to ${o.target}` : `review due (${o.review})`}, waiting since ${o.waitingSince.toISOString().slice(0, 10)}`,
  );
  const subject = `You now lead ${ladder.name}`;
  const text = [
    `${outgoing ? `${outgoing.name} has handed` : 'You have been handed'} the ${ladder.name} ladder over to you: its escalations, reviews and follow-ups come to you from now on.`,
    '',
    open.length > 0 ? `Open now (${open.length}):\n${lines.join('\n')}` : 'Nothing is open on it now.',
    '',
    `The console: ${deps.publicUrl}/console/ladders/${ladder.id}`,
    ...(handover.note ? ['', handover.note] : []),
  ].join('\n');
  // The handover stands even when the mail cannot go now: the answer lists the same, and says so.
  const mailed = await deps.mailer.send({ to: successor.email, subject, text, html: htmlOfText(subject, text) }).then(
    () => true,
    () => false,
  );
  return {
    mailed,
    ladder: ladder.id,
    from: outgoing ? person(outgoing) : null,
    to: person(successor),
    outgoingEnded: ending,
    keysRevoked,
    open,
  };
}
