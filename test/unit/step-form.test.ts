import { readStepForm, stepView } from '../../api/pages/step-form';
import { textsIn } from '../../platform/i18n';
import type { StepPage } from '../../workflows/messages';

const document = {
  id: 'CCA',
  title: 'Community Agreement',
  version: '7',
  url: 'https://example.org/cca',
  sha256: 'ab'.repeat(32),
};
const agreement: StepPage = { title: 'Sign', open: true, form: { kind: 'agreement', document } };
const vote: StepPage = {
  title: 'Vote',
  open: true,
  form: { kind: 'vote', choices: ['agree', 'abstain', 'disagree', 'block'] },
};
const vouch: StepPage = { title: 'Vouch', open: true, form: { kind: 'vouch' } };

describe("a link page's form", () => {
  const en = textsIn('en');
  const de = textsIn('de');

  test("when an agreement is shown, then its version, its text and its digest are named, and consent is asked in the reader's words", () => {
    const view = stepView(agreement, en, { candidate: 'Ann' });
    expect(view.document).toMatchObject({ versionText: 'Version 7', url: 'https://example.org/cca' });
    expect(view.document?.fixed).toContain('ab'.repeat(32));
    expect(view.consent).toBe('I have read and agree to Community Agreement, version 7');
    expect(stepView(agreement, de, { candidate: 'Ann' }).consent).toBe(
      'Ich habe Community Agreement, Version 7, gelesen und stimme zu',
    );
  });

  test('when an agreement is posted, then only a ticked box signs it, and the consent names what was agreed to', () => {
    expect(readStepForm(agreement, {}, en)).toEqual({ ok: false, problem: en('step.agreement.missing') });
    expect(readStepForm(agreement, { consent: 'on' }, en).ok).toBe(false);
    expect(readStepForm(agreement, { consent: 'yes' }, de)).toEqual({
      ok: true,
      consent: {
        document: 'CCA',
        version: '7',
        sha256: 'ab'.repeat(32),
        statement: 'Ich habe Community Agreement, Version 7, gelesen und stimme zu',
      },
    });
  });

  test('when a vote disagrees or blocks, then it needs a statement; a vouch may carry one; none may exceed 2,000 characters', () => {
    for (const choice of ['disagree', 'block'])
      expect(readStepForm(vote, { vote: choice, statement: '  ' }, en)).toEqual({
        ok: false,
        problem: en('step.statement.required'),
      });
    expect(readStepForm(vote, { vote: 'block', statement: ' Not yet. ' }, en)).toEqual({
      ok: true,
      vote: 'block',
      statement: 'Not yet.',
    });
    expect(readStepForm(vote, { vote: 'agree' }, en)).toEqual({ ok: true, vote: 'agree' });
    expect(readStepForm(vouch, {}, en)).toEqual({ ok: true });
    expect(readStepForm(vouch, { statement: 'x'.repeat(2001) }, en)).toEqual({
      ok: false,
      problem: 'Your statement is longer than 2000 characters.',
    });
    expect(readStepForm(vouch, { statement: 'x'.repeat(2000) }, en).ok).toBe(true);
  });
});
