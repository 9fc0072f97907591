import { PEER_CHOICES, type PeerChoice } from '../../domain/peer-vote';
import type { StepPage } from '../../workflows/messages';
import type { Choice } from './page';

/** What a link's page asks for, as radio groups: nothing to confirm, each question of a quiz, or a ballot. */
export function stepChoices(form: StepPage['form']): { intro: string; button: string; choices: Choice[] } {
  if (form.kind === 'quiz') {
    return {
      intro: `Answer the questions below; ${form.quiz.passMark} of ${form.quiz.questions.length} right answers pass.`,
      button: 'Submit my answers',
      choices: form.quiz.questions.map((q) => ({
        name: `q:${q.id}`,
        legend: q.text,
        options: q.choices.map((label, i) => ({ value: String(i), label })),
      })),
    };
  }
  if (form.kind === 'vote') {
    return {
      intro: 'Cast your vote. A block refuses on its own.',
      button: 'Vote',
      choices: [{ name: 'vote', legend: 'Your vote', options: form.choices.map((c) => ({ value: c, label: c })) }],
    };
  }
  return { intro: 'Please confirm to complete this step.', button: 'Confirm', choices: [] };
}

export type FormAnswer =
  { ok: true; answers?: Record<string, number>; vote?: PeerChoice } | { ok: false; problem: string };

/** Reads the posted form against what the page asked; names the first thing missing or wrong. */
export function readStepForm(form: StepPage['form'], body: Record<string, string> | undefined): FormAnswer {
  const fields = body ?? {};
  if (form.kind === 'quiz') {
    const answers: Record<string, number> = {};
    for (const q of form.quiz.questions) {
      const raw = fields[`q:${q.id}`];
      const index = raw === undefined || !/^\d{1,3}$/.test(raw) ? -1 : Number(raw);
      if (index < 0 || index >= q.choices.length)
        return { ok: false, problem: `Please answer every question: "${q.text}" has no valid answer.` };
      answers[q.id] = index;
    }
    return { ok: true, answers };
  }
  if (form.kind === 'vote') {
    const vote = fields.vote as PeerChoice | undefined;
    if (!vote || !PEER_CHOICES.includes(vote))
      return { ok: false, problem: `Please choose one of ${PEER_CHOICES.join(', ')}.` };
    return { ok: true, vote };
  }
  return { ok: true };
}
