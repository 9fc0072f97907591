import { workflowInfo } from '@temporalio/workflow';
import { durationMs } from '../../domain/duration';
import { upkeepOf } from '../../domain/upkeep';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import type { UpdateHandling } from '../handlers';
import type { CompleteStepInput, CompleteStepResult, ContributorStatus, SignOfLifeInput, StepPage } from '../messages';
import { refuse } from '../refusal';
import { auditContributor } from './contributor-audit';
import type { Duty } from './duty';
import type { ContributorContext, Standing } from './standing';

/** The step of the aliveness link: the contributor confirms they are still there. */
const ALIVE_STEP = 'alive';
const ALIVE_TITLE = 'Confirm you are still active';

/**
 * A level held without a sign of life: a ping with a link to answer it, a
 * warning, then removal from the ladder. A sign of life (the link, the team
 * leader, a login hook, a promotion) starts the clock again.
 */
export function aliveness(ctx: ContributorContext, changes: Standing) {
  const { status, contributorId } = ctx;
  const { workflowId } = workflowInfo();

  const signOfLife = (at = now().toISOString()) => {
    status.lastActiveAt = at;
    status.inactivity = undefined;
  };
  /**
   * A sign of life given by an update: audited before anything changes, so
   * an update whose first workflow task fails (and is dropped) leaves nothing
   * for the view to show.
   */
  const aliveBy = async (actor: string, details: Record<string, unknown>, linkId?: string) => {
    const at = now().toISOString();
    await auditContributor(contributorId, {
      key: `${workflowId}:alive:${linkId ?? at}`,
      actor,
      action: 'contributor.alive',
      details,
      linkId,
    });
    signOfLife(at);
  };

  const mailAliveLink = (template: 'ping' | 'warning') =>
    activities.sendStepLinks({
      idempotencyKey: `${changes.key(template)}:${status.lastActiveAt ?? status.levelSince}`,
      template,
      contributorId,
      workflowId,
      ladderName: ctx.ladder().name,
      levelName: ctx.ladder().levels.find((l) => l.id === status.level)?.name ?? 'member',
      steps: [{ id: ALIVE_STEP, title: ALIVE_TITLE }],
    });

  const acts = {
    ping: async () => {
      await mailAliveLink('ping');
      status.inactivity = { pingedAt: now().toISOString() };
    },
    warn: async () => {
      await mailAliveLink('warning');
      status.inactivity = { ...status.inactivity, warnedAt: now().toISOString() };
    },
    remove: async () => {
      const after = upkeepOf(ctx.ladder()).inactivity!.removeAfter;
      const key = changes.key('inactive');
      await auditContributor(contributorId, {
        key,
        actor: 'system',
        action: 'contributor.inactive',
        details: { level: status.level, lastActiveAt: status.lastActiveAt, after },
      });
      await changes.moveTo(key, null, 'left', 'system', `no sign of life for ${after}`);
    },
  };

  return {
    signOfLife,

    /** The next stage of inactivity, for someone holding a level and not in a promotion (its own deadlines cover a stall). */
    duties(): Duty[] {
      const { inactivity } = upkeepOf(ctx.ladder());
      if (!inactivity || status.level === null || status.state !== 'active') return [];
      const base = Date.parse(status.lastActiveAt ?? status.levelSince!);
      const [kind, after] = !status.inactivity?.pingedAt
        ? (['ping', inactivity.pingAfter] as const)
        : !status.inactivity.warnedAt
          ? (['warn', inactivity.warnAfter] as const)
          : (['remove', inactivity.removeAfter] as const);
      return [{ kind, at: base + durationMs(after), act: acts[kind] }];
    },

    /** The aliveness link's page: open while a ping waits for its answer. */
    page: (stepId: string): StepPage | null =>
      stepId === ALIVE_STEP
        ? {
            title: ALIVE_TITLE,
            open: status.state !== 'left' && status.inactivity?.pingedAt !== undefined,
            form: { kind: 'confirm' },
          }
        : null,

    /** The contributor answers the ping from its link. */
    answer: {
      async handle(input: CompleteStepInput): Promise<CompleteStepResult> {
        await aliveBy(`candidate:${contributorId}`, { source: 'link', linkId: input.linkId }, input.linkId);
        return { stepId: ALIVE_STEP, status: 'done', promotion: status.promotion?.state ?? 'open' };
      },
      validate(input: CompleteStepInput) {
        if (input.stepId !== ALIVE_STEP || input.actor.type !== 'candidate')
          refuse(`step "${input.stepId}" is not one this contributor completes here`);
        if (status.state === 'left') refuse('this contributor has left the ladder');
        if (!status.inactivity?.pingedAt) refuse('no sign of life is being asked for');
      },
    } satisfies UpdateHandling<CompleteStepResult, [CompleteStepInput]>,

    /** The team leader, or a system with its own key, reports a sign of life. */
    report: {
      async handle(input: SignOfLifeInput): Promise<ContributorStatus> {
        await aliveBy(`team-leader:${input.by}`, { source: input.source });
        return status;
      },
      validate(_input: SignOfLifeInput) {
        if (status.state === 'left') refuse('this contributor has left the ladder');
      },
    } satisfies UpdateHandling<ContributorStatus, [SignOfLifeInput]>,
  };
}
