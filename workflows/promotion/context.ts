import { CancellationScope, workflowInfo } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { editionOf, type Ladder, type Level, type StepDefinition } from '../../domain/ladder';
import type { StepLinksTemplate } from '../../activities/mail/step-links-mail';
import type { StepOutcome } from '../../domain/requirements';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import type { CompleteStepInput, Credentials, PromotionStatus, Statement, StepStatus } from '../messages';
import type { AuditEvent } from '../../activities/audit';

export interface PromotionInput {
  contributorId: string;
  name: string;
  ladder: Ladder;
  target: string;
  /** The level held when the attempt started, and since when (tenure counts from it). */
  fromLevel: string | null;
  levelSince: string | null;
  /** The key that proposed the promotion (the team leader). */
  proposedBy: string;
  /** Agreements already signed and challenges already passed: their steps start done. */
  credentials: Credentials;
  /** A returning emeritus: the level's `return:` requirement instead of its usual one, where the ladder gives one. */
  returning?: boolean;
}

/** An audit row as `audit` takes it: the event, the action, the actor, the details. */
export type AuditRow = readonly [event: string, action: string, actor: string, details?: Record<string, unknown>];

/** What the gates of one promotion attempt share. */
export class PromotionContext {
  readonly workflowId = workflowInfo().workflowId;
  /** Prefix of every audit key: unique to this attempt, stable across retries. */
  readonly eventKey = `${workflowInfo().workflowId}:${workflowInfo().firstExecutionRunId}`;
  readonly level: Level;
  readonly definitions: StepDefinition[];
  readonly status: PromotionStatus;

  constructor(
    readonly input: PromotionInput,
    definitions: StepDefinition[],
  ) {
    this.level = input.ladder.levels.find((l) => l.id === input.target)!;
    this.definitions = definitions;
    const startedAt = now();
    const { deadline } = this.timing();
    this.status = {
      workflowId: this.workflowId,
      target: input.target,
      state: 'open',
      startedAt: startedAt.toISOString(),
      ...(deadline ? { deadlineAt: new Date(startedAt.getTime() + durationMs(deadline)).toISOString() } : {}),
      ...(input.returning ? { returning: true } : {}),
      steps: definitions.map((d) => ({
        id: d.id,
        kind: d.kind,
        title: d.title,
        ...(d.label ? { label: d.label } : {}),
        completedBy: d.completedBy,
        status: 'open',
      })),
    };
    for (const step of this.status.steps.filter((s) => this.alreadyHeld(s.id)))
      Object.assign(step, { status: 'done', completedByActor: 'carried' });
  }

  /**
   * A step met by an earlier promotion: the challenge passed, or the document
   * signed in this edition (any edition, when its new versions need no re-signing).
   */
  private alreadyHeld(stepId: string): boolean {
    const definition = this.definition(stepId);
    if (definition.kind === 'agreement') {
      const document = definition.document!;
      const signed = this.input.credentials.agreements[document.id];
      return signed !== undefined && (signed === editionOf(document) || document.resignOnNewVersion === false);
    }
    if (definition.kind === 'challenge')
      return this.input.credentials.challenges.includes(stepId.slice('challenge:'.length));
    return false;
  }

  /** The credentials after this attempt: what was held, plus what was signed or passed in it. */
  credentials(): Credentials {
    const done = this.definitions.filter((d) => this.step(d.id)!.status === 'done');
    const agreements = { ...this.input.credentials.agreements };
    for (const d of done)
      if (d.kind === 'agreement' && this.step(d.id)!.completedByActor !== 'carried')
        agreements[d.document!.id] = editionOf(d.document!);
    const challenges = new Set(this.input.credentials.challenges);
    for (const d of done) if (d.kind === 'challenge') challenges.add(d.id.slice('challenge:'.length));
    return { agreements, challenges: [...challenges].sort() };
  }

  /** When a stalled step is reminded, escalated and given up on: the level's timing over the ladder's. */
  timing() {
    return { ...this.input.ladder.timing, ...this.level.timing };
  }

  /** A sponsor's or peer's written words, once their vouch or vote is recorded. */
  addStatement(by: Statement['by'], input: CompleteStepInput): void {
    const text = input.statement?.trim();
    if (!text) return;
    (this.status.statements ??= []).push({
      by,
      id: input.actor.id,
      ...(input.vote ? { vote: input.vote } : {}),
      text,
      at: now().toISOString(),
    });
  }

  step(id: string): StepStatus | undefined {
    return this.status.steps.find((s) => s.id === id);
  }

  definition(id: string): StepDefinition {
    return this.definitions.find((d) => d.id === id)!;
  }

  openSteps(filter: (d: StepDefinition) => boolean = () => true): StepDefinition[] {
    return this.definitions.filter((d) => this.step(d.id)!.status === 'open' && filter(d));
  }

  /** Mails the candidate fresh links to their open steps (or the ones given), once per key. */
  async mailCandidate(
    template: StepLinksTemplate,
    key: string,
    steps = this.openSteps((d) => d.completedBy === 'candidate'),
  ): Promise<void> {
    // A returning emeritus is told their way back has begun even when no step of it is theirs.
    if (steps.length === 0 && template !== 'returning') return;
    await activities.sendStepLinks({
      idempotencyKey: `${this.eventKey}:mail:${key}`,
      template,
      contributorId: this.input.contributorId,
      workflowId: this.workflowId,
      ladderName: this.input.ladder.name,
      levelName: this.level.name,
      steps: steps.map((s) => ({
        id: s.id,
        title: s.title,
        ...(s.label ? { label: s.label } : {}),
        ...(s.document ? { document: s.document } : {}),
      })),
    });
  }

  /** The audit row of `event` in this attempt; one that names the link it was done through uses the link up. */
  private auditEvent(event: string, action: string, actor: string, details: Record<string, unknown> = {}): AuditEvent {
    return {
      idempotencyKey: `${this.eventKey}:${event}`,
      actor,
      action,
      contributorId: this.input.contributorId,
      workflowId: this.workflowId,
      details: { target: this.input.target, ...details },
      linkId: typeof details.linkId === 'string' ? details.linkId : undefined,
    };
  }

  async audit(event: string, action: string, actor: string, details: Record<string, unknown> = {}): Promise<void> {
    await this.carryingAudit(() => activities.recordAudit(this.auditEvent(event, action, actor, details)));
  }

  /** A change to a record (a motion, a dispute) written by one activity, in one transaction with the audit row of `row`. */
  writeWithAudit(row: AuditRow, write: (audit: AuditEvent) => Promise<void>): Promise<void> {
    return this.carryingAudit(() => write(this.auditEvent(...row)));
  }

  /**
   * An audit row on its way is written even when the attempt is decided meanwhile (one condition failing while
   * another's outcome is being audited); cancelling it could lose the row.
   */
  private carryingAudit(write: () => Promise<void>): Promise<void> {
    return CancellationScope.nonCancellable(write);
  }

  /** Audits a step's outcome, then records it: the audit row exists before anyone can see the change. */
  async settle(
    stepId: string,
    outcome: Exclude<StepOutcome, 'open'>,
    actor: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const step = this.step(stepId)!;
    // A deadline and a late answer can race; the first outcome stands.
    if (step.status !== 'open') return;
    const at = now().toISOString();
    await this.audit(`step:${stepId}:${outcome}`, `step.${outcome === 'done' ? 'completed' : outcome}`, actor, {
      step: stepId,
      kind: step.kind,
      ...details,
    });
    // Shown as "candidate", "system" or the deciding key's id; the audit row has the full actor.
    const shown = actor.startsWith('candidate:') ? 'candidate' : actor.slice(actor.indexOf(':') + 1);
    Object.assign(step, { status: outcome, completedAt: at, completedByActor: shown });
  }
}
