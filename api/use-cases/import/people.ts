import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { workflowIdFor } from '../../../domain/contributor-id';
import { editionOf, levelName } from '../../../domain/ladder';
import { upkeepOf } from '../../../domain/upkeep';
import { durationMs } from '../../../domain/duration';
import type { Caller } from '../../../platform/api-keys';
import { contributorIdFor } from '../../../platform/contributor-ids';
import type { Grant } from '../../../domain/access';
import { recordAdopted } from '../../../store/adopted-access';
import { appendAudit } from '../../../store/audit';
import { recordIdentity } from '../../../store/identities';
import { insertImported } from '../../../store/imports';
import { recordSponsorship } from '../../../store/sponsorships';
import { inTransaction } from '../../../store/transaction';
import { contributorWorkflow } from '../../../workflows/contributor-workflow';
import type { ContributorStatus } from '../../../workflows/messages';
import { LADDER_ATTRIBUTE, LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from '../../../workflows/search-attributes';
import type { UseCaseDeps } from '../deps';
import type { ImportRow } from './check-rows';

/** The file an import reads, as the audit trail names it. */
export interface ImportSource {
  sha256: string;
  fileName?: string;
}

/**
 * Where the person stands on arrival: at the level since the file's date,
 * with the agreements it lists. They are reviewed as of the import (the
 * importer vouches for the team as it is), and a follow-up the level asks for
 * that fell due before the import is taken as done. Their last known sign of
 * life is `since`, but no further back than the ladder's `pingAfter`: someone
 * no system has seen working lately is asked for one on arrival, and has the
 * ladder's whole time to answer before a warning or removal.
 */
export function arrivalStatus(row: ImportRow, id: string, importedAt: Date): ContributorStatus {
  const { ladder, level, since } = row;
  const agreements: Record<string, string> = {};
  for (const [document, version] of Object.entries(row.agreements)) {
    const current = ladder.documents[document]!;
    agreements[document] = version === current.version ? editionOf(current) : version;
  }
  const { inactivity, reviewEvery } = upkeepOf(ladder);
  const lastActiveAt = inactivity
    ? new Date(Math.max(Date.parse(since), importedAt.getTime() - durationMs(inactivity.pingAfter))).toISOString()
    : undefined;
  const followUp = ladder.levels.find((l) => l.id === level)?.followUp;
  const followedUp =
    followUp && Date.parse(since) + durationMs(followUp.after) <= importedAt.getTime() ? { followedUp: since } : {};
  return {
    contributorId: id,
    ladderId: ladder.id,
    name: row.name,
    state: 'active',
    level,
    levelSince: since,
    promotion: null,
    history: [{ level, enteredAt: since }],
    credentials: { agreements, challenges: [] },
    ...(lastActiveAt ? { lastActiveAt } : {}),
    ...(reviewEvery ? { lastReviewedAt: importedAt.toISOString() } : {}),
    ...followedUp,
    ...(Object.keys(row.identities).length > 0 ? { identities: row.identities } : {}),
  };
}

/**
 * Writes the person's row, identities, sponsorships, the access they hold
 * beyond their level (adopted: reconciliation leaves it) and the one audit
 * row naming the importer and the file, in one transaction; false when the
 * row was already there.
 */
export async function recordArrival(
  { pool }: UseCaseDeps,
  caller: Caller,
  row: ImportRow,
  source: ImportSource,
  adopted: Grant[] = [],
): Promise<boolean> {
  const id = contributorIdFor(row.ladder.id, row.email);
  const workflowId = workflowIdFor(id);
  return inTransaction(pool, async (db) => {
    const inserted = await insertImported(db, {
      id,
      ladderId: row.ladder.id,
      workflowId,
      name: row.name,
      email: row.email,
      language: row.language ?? row.ladder.language ?? 'en',
      level: row.level,
    });
    if (!inserted) return false;
    for (const [system, identity] of Object.entries(row.identities)) await recordIdentity(db, id, system, identity);
    await recordAdopted(db, id, adopted);
    const sponsors = row.sponsors.map((email) => contributorIdFor(row.ladder.id, email));
    for (const sponsorId of sponsors)
      await recordSponsorship(db, {
        sponsorId,
        contributorId: id,
        ladderId: row.ladder.id,
        level: row.level,
        workflowId,
        statement: null,
      });
    await appendAudit(db, {
      idempotencyKey: `import:${source.sha256}:${id}`,
      actor: `${caller.role}:${caller.id}`,
      action: 'contributor.imported',
      contributorId: id,
      workflowId,
      details: {
        file: source.sha256,
        ...(source.fileName ? { fileName: source.fileName } : {}),
        line: row.line,
        ladder: row.ladder.id,
        level: row.level,
        levelName: levelName(row.ladder, row.level),
        since: row.since,
        agreements: row.agreements,
        sponsors,
        identities: Object.keys(row.identities),
        ...(adopted.length > 0 ? { adopted: adopted.map(({ system, entitlement }) => ({ system, entitlement })) } : {}),
      },
    });
    return true;
  });
}

/**
 * Starts the person's workflow where the file puts them. A run already there,
 * or one that has ended, is left alone: an import never replaces a run.
 */
export async function startArrived(
  { temporal, taskQueue }: UseCaseDeps,
  caller: Caller,
  row: ImportRow,
  importedAt: Date,
): Promise<void> {
  const id = contributorIdFor(row.ladder.id, row.email);
  try {
    await temporal.workflow.start(contributorWorkflow, {
      taskQueue,
      workflowId: workflowIdFor(id),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          contributorId: id,
          ladder: row.ladder,
          name: row.name,
          email: row.email,
          ...(row.language ? { language: row.language } : {}),
          startedBy: caller.id,
          carried: { status: arrivalStatus(row, id, importedAt), attempts: 0 },
        },
      ],
      typedSearchAttributes: [
        { key: LADDER_ATTRIBUTE, value: row.ladder.id },
        { key: LEVEL_ATTRIBUTE, value: row.level },
        { key: STATE_ATTRIBUTE, value: 'active' },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
