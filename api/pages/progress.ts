import { durationMs } from '../../domain/duration';
import { levelName, type Ladder } from '../../domain/ladder';
import { dateIn, type Language, type Translate } from '../../platform/i18n';
import { stepTitle } from '../../platform/i18n/step-title';
import type { ContributorStatus, PromotionStatus, StepStatus } from '../../workflows/messages';

/** One step as the candidate sees it: what it is, and where it stands (for an open step: whose turn it is). */
interface GateLine {
  title: string;
  state: 'done' | 'open' | 'waiting' | 'failed' | 'timed-out';
  stateText: string;
}

export interface ProgressView {
  title: string;
  hello: string;
  level: string;
  since?: string;
  promotion?: { heading: string; lines: string[]; gates: GateLine[] };
  outcome?: string;
  next?: string;
  left?: { title: string; line: string };
  validity: string;
}

const nameOf = (ladder: Ladder, id: string | null | undefined) => levelName(ladder, id) ?? id ?? '';

/**
 * Where a step stands for the candidate: theirs to do, someone else's (and whose), a date to wait for, or settled.
 * Only the step's own state is shown: no notes, no names or addresses of others, no one's vote.
 */
function gateLine(t: Translate, lang: Language, step: StepStatus, levelSince: string | null): GateLine {
  const title = stepTitle(t, step);
  if (step.status !== 'open') return { title, state: step.status, stateText: t(`progress.state.${step.status}`) };
  const tenure = step.kind === 'tenure' ? step.label?.params.tenure : undefined;
  const turn =
    typeof tenure === 'string' && levelSince
      ? t('progress.turn.until', { date: dateIn(lang, new Date(Date.parse(levelSince) + durationMs(tenure))) })
      : t(`progress.turn.${step.completedBy}`);
  return { title, state: step.completedBy === 'candidate' ? 'open' : 'waiting', stateText: turn };
}

/** The candidate's own page: their level, the promotion under way gate by gate, and what comes next. */
export function progressView(input: {
  t: Translate;
  lang: Language;
  name: string;
  ladder: Ladder;
  status: ContributorStatus;
  promotion?: PromotionStatus;
  validUntil: Date;
}): ProgressView {
  const { t, lang, ladder, status, promotion } = input;
  const date = (at: string) => dateIn(lang, at);
  const view: ProgressView = {
    title: t('progress.title'),
    hello: t('progress.hello', { name: input.name, ladder: ladder.name }),
    level: status.level ? nameOf(ladder, status.level) : t('progress.none'),
    ...(status.levelSince ? { since: t('progress.since', { date: date(status.levelSince) }) } : {}),
    validity: t('progress.validity', { date: dateIn(lang, input.validUntil, true) }),
  };
  if (status.state === 'left') {
    view.left = {
      title: t('progress.left.title'),
      line:
        status.leftAs === 'emeritus' ? t('progress.left.emeritus') : t('progress.left.other', { ladder: ladder.name }),
    };
    return view;
  }
  const target = nameOf(ladder, status.promotion?.target);
  if (promotion && promotion.state === 'open') {
    view.promotion = {
      heading: t('progress.promotion', { level: target }),
      lines: [
        ...(promotion.returning ? [t('progress.returning', { level: target })] : []),
        t('progress.started', { date: date(promotion.startedAt) }),
        ...(promotion.deadlineAt ? [t('progress.deadline', { date: date(promotion.deadlineAt) })] : []),
      ],
      gates: promotion.steps.map((s) => gateLine(t, lang, s, status.levelSince)),
    };
  } else if (status.promotion && status.promotion.state !== 'open' && status.promotion.state !== 'passed') {
    view.outcome = t(`progress.outcome.${status.promotion.state}`, { level: target });
  }
  const next = ladder.levels[ladder.levels.findIndex((l) => l.id === status.level) + 1];
  if (!view.promotion) view.next = next ? t('progress.nextLevel', { level: next.name }) : t('progress.top');
  return view;
}
