import type { AgreementDocument } from '../../domain/ladder';
import { PEER_CHOICES, type PeerChoice } from '../../domain/peer-vote';
import type { Translate } from '../../platform/i18n';
import { stepTitle } from '../../platform/i18n/step-title';
import { STATEMENT_MAX, type Consent, type StepPage } from '../../workflows/messages';

/** A group of radio buttons: one question of a quiz, or a ballot. */
export interface Choice {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
}

/** What a link's page shows and asks, in the reader's language. */
export interface StepView {
  title: string;
  intro: string[];
  /** An agreement: the document to read before signing, and the sentence to tick. */
  document?: AgreementDocument & { read: string; versionText: string; fixed?: string };
  consent?: string;
  choices: Choice[];
  statement?: { label: string; hint: string; max: number };
  button: string;
  /** Why the last answer was not taken (the page is shown again with it). */
  problem?: string;
}

/** Who the page is about, for a sponsor's or peer's page, and where. */
export interface StepReader {
  candidate: string;
}

const statementField = (t: Translate, required: boolean) => ({
  label: t('step.statement.label'),
  hint: t(required ? 'step.statement.hintRequired' : 'step.statement.hintOptional'),
  max: STATEMENT_MAX,
});

const consentOf = (t: Translate, document: AgreementDocument) =>
  t('step.agreement.consent', { title: document.title, version: document.version });

/** The page of a step's link: a confirmation, an agreement, a quiz, a ballot, a vouch, a ping's answers. */
export function stepView(page: StepPage, t: Translate, reader: StepReader): StepView {
  const names = { candidate: reader.candidate, ladder: page.ladderName ?? '', level: page.levelName ?? '' };
  const title = stepTitle(t, page);
  const form = page.form;
  switch (form.kind) {
    case 'agreement': {
      const { document } = form;
      return {
        title,
        intro: [t('step.agreement.intro')],
        document: {
          ...document,
          read: t('step.agreement.read', { title: document.title }),
          versionText: t('step.agreement.version', { version: document.version }),
          ...(document.sha256 ? { fixed: t('step.agreement.fixed', { sha256: document.sha256 }) } : {}),
        },
        consent: consentOf(t, document),
        choices: [],
        button: t('step.agreement.button'),
      };
    }
    case 'quiz':
      return {
        title,
        intro: [t('step.quiz.intro', { count: form.quiz.passMark, total: form.quiz.questions.length })],
        choices: form.quiz.questions.map((q) => ({
          name: `q:${q.id}`,
          legend: q.text,
          options: q.choices.map((label, i) => ({ value: String(i), label })),
        })),
        button: t('step.quiz.button'),
      };
    case 'vote':
      return {
        title,
        intro: [t('step.vote.intro', names)],
        choices: [
          {
            name: 'vote',
            legend: t('step.vote.legend'),
            options: form.choices.map((c) => ({ value: c, label: t(`step.vote.${c}`) })),
          },
        ],
        statement: statementField(t, true),
        button: t('step.vote.button'),
      };
    case 'vouch':
      return {
        title,
        intro: [t('step.vouch.intro', names)],
        choices: [],
        statement: statementField(t, false),
        button: t('step.vouch.button', names),
      };
    case 'alive':
      return { title, intro: [t('step.alive.intro', names)], choices: [], button: t('step.alive.button') };
    case 'step-down':
      return { title, intro: [t('step.stepDown.intro', names)], choices: [], button: t('step.stepDown.button') };
    default:
      return { title, intro: [t('step.confirm.intro')], choices: [], button: t('step.confirm.button') };
  }
}

export type FormAnswer =
  | { ok: true; answers?: Record<string, number>; vote?: PeerChoice; consent?: Consent; statement?: string }
  | { ok: false; problem: string };

/** Reads the posted form against what the page asked; names the first thing missing or wrong, in the reader's words. */
export function readStepForm(page: StepPage, body: Record<string, string> | undefined, t: Translate): FormAnswer {
  const fields = body ?? {};
  const form = page.form;
  const statement = fields.statement?.trim() || undefined;
  if (statement && statement.length > STATEMENT_MAX)
    return { ok: false, problem: t('step.statement.tooLong', { max: STATEMENT_MAX }) };
  if (form.kind === 'quiz') {
    const answers: Record<string, number> = {};
    for (const q of form.quiz.questions) {
      const raw = fields[`q:${q.id}`];
      const index = raw === undefined || !/^\d{1,3}$/.test(raw) ? -1 : Number(raw);
      if (index < 0 || index >= q.choices.length)
        return { ok: false, problem: t('step.quiz.missing', { question: q.text }) };
      answers[q.id] = index;
    }
    return { ok: true, answers };
  }
  if (form.kind === 'vote') {
    const vote = fields.vote as PeerChoice | undefined;
    if (!vote || !PEER_CHOICES.includes(vote)) return { ok: false, problem: t('step.vote.missing') };
    if ((vote === 'disagree' || vote === 'block') && !statement)
      return { ok: false, problem: t('step.statement.required') };
    return { ok: true, vote, ...(statement ? { statement } : {}) };
  }
  if (form.kind === 'vouch') return { ok: true, ...(statement ? { statement } : {}) };
  if (form.kind === 'agreement') {
    const { document } = form;
    if (fields.consent !== 'yes') return { ok: false, problem: t('step.agreement.missing') };
    return {
      ok: true,
      consent: {
        document: document.id,
        version: document.version,
        ...(document.sha256 ? { sha256: document.sha256 } : {}),
        statement: consentOf(t, document),
      },
    };
  }
  return { ok: true };
}
