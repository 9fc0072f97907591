import { workflowInfo } from '@temporalio/workflow';
import { entitlementsBySystem } from '../../domain/access';
import { durationMs } from '../../domain/duration';
import { upkeepOf } from '../../domain/upkeep';
import { activities } from '../activities-proxy';
import { now } from '../clock';
import type { UpdateHandling } from '../handlers';
import type {
  ActivitySeenInput,
  CompleteStepInput,
  CompleteStepResult,
  ContributorStatus,
  SignOfLifeInput,
  StepPage,
} from '../messages';
import { hasPatch } from '../patches';
import { refuse } from '../refusal';
import { auditContributor } from './contributor-audit';
import type { Duty } from './duty';
import type { ContributorContext, Standing } from './standing';

/** The two answers to a ping, each a link: still active, or stepping down (and becoming emeritus). */
const ALIVE_STEP = 'alive';
const STEP_DOWN = 'step-down';
const STEPS = {
  [ALIVE_STEP]: { title: 'Confirm you are still active', label: { key: 'alive', params: {} }, form: 'alive' },
  [STEP_DOWN]: { title: 'Step down', label: { key: 'stepDown', params: {} }, form: 'step-down' },
} as const;
const isPingStep = (id: string): id is keyof typeof STEPS => id === ALIVE_STEP || id === STEP_DOWN;

/**
 * A level held without a sign of life: a ping with a link to answer it, a
 * warning, then removal from the ladder. A sign of life (the link, the team
 * leader, a login hook, a promotion, a system that saw them at work) starts
 * the clock again; the systems are asked before each stage, so someone at
 * work is never pinged.
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

  const levelName = () => ctx.ladder().levels.find((l) => l.id === status.level)?.name ?? 'member';
  const lastSign = () => status.lastActiveAt ?? status.levelSince;

  /** A system saw them at work after their last sign of life: audited with its source, and the clock starts again from then. */
  const seen = async (input: ActivitySeenInput) => {
    const last = lastSign();
    if (status.state === 'left' || (last !== null && input.at <= last)) return;
    await auditContributor(contributorId, {
      key: `${workflowId}:alive:${input.source}:${input.at}`,
      actor: 'system',
      action: 'contributor.alive',
      details: { source: input.source, at: input.at },
    });
    const meanwhile = lastSign();
    if (meanwhile === null || input.at > meanwhile) signOfLife(input.at);
  };

  /** Whether the systems the person works in saw them since their last sign of life (recorded if so). */
  const seenLately = async (): Promise<boolean> => {
    const systems = [...entitlementsBySystem([ctx.ladder()]).keys()];
    if (systems.length === 0) return false;
    const latest = await activities.lastSeenOn({ contributorId, systems });
    const last = lastSign();
    if (!latest || (last !== null && latest.at <= last)) return false;
    await seen(latest);
    return true;
  };

  const mailAliveLink = (template: 'ping' | 'warning') =>
    activities.sendStepLinks({
      idempotencyKey: `${changes.key(template)}:${status.lastActiveAt ?? status.levelSince}`,
      template,
      contributorId,
      workflowId,
      ladderName: ctx.ladder().name,
      levelName: levelName(),
      steps: Object.entries(STEPS).map(([id, step]) => ({ id, title: step.title, label: step.label })),
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
      await changes.leave(key, 'inactive', 'system', `no sign of life for ${after}`);
    },
  };

  const openNow = (stepId: keyof typeof STEPS) =>
    status.state !== 'left' &&
    (stepId === STEP_DOWN ? status.level !== null : status.inactivity?.pingedAt !== undefined);

  return {
    signOfLife,
    seen,

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
      // A run from before the patch acts as it did, without a step more: the same commands in the same order.
      const act = () =>
        hasPatch('signs-of-life-from-systems')
          ? seenLately().then((seen) => (seen ? undefined : acts[kind]()))
          : acts[kind]();
      return [{ kind, at: base + durationMs(after), act }];
    },

    /** The pages of a ping's links: open while the ping waits for its answer (stepping down, while a level is held). */
    page: (stepId: string): StepPage | null =>
      isPingStep(stepId)
        ? {
            title: STEPS[stepId].title,
            label: STEPS[stepId].label,
            ladderName: ctx.ladder().name,
            levelName: levelName(),
            open: openNow(stepId),
            form: { kind: STEPS[stepId].form },
          }
        : null,

    /** The contributor answers the ping from one of its links. */
    answer: {
      async handle(input: CompleteStepInput): Promise<CompleteStepResult> {
        const actor = `candidate:${contributorId}`;
        if (input.stepId === STEP_DOWN) {
          await changes.exclusive(async () => {
            const key = changes.key('stepped-down');
            await auditContributor(contributorId, {
              key,
              actor,
              action: 'contributor.step-down',
              details: { level: status.level, source: 'link' },
              linkId: input.linkId,
            });
            await changes.leave(key, 'emeritus', actor, 'stepped down from the link');
          });
          return { stepId: STEP_DOWN, status: 'done', promotion: status.promotion?.state ?? 'open' };
        }
        await aliveBy(actor, { source: 'link', linkId: input.linkId }, input.linkId);
        return { stepId: ALIVE_STEP, status: 'done', promotion: status.promotion?.state ?? 'open' };
      },
      validate(input: CompleteStepInput) {
        if (!isPingStep(input.stepId) || input.actor.type !== 'candidate')
          refuse(`step "${input.stepId}" is not one this contributor completes here`);
        if (status.state === 'left') refuse('this contributor has left the ladder');
        if (!openNow(input.stepId))
          refuse(
            input.stepId === STEP_DOWN
              ? 'this contributor holds no level to leave by stepping down'
              : 'no sign of life is being asked for',
          );
        if (input.stepId === STEP_DOWN && changes.busy()) refuse('a change to this contributor is already being made');
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
