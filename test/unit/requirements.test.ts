import { parseLadder } from '../../platform/ladder-file';
import { evaluate, type StepOutcome } from '../../domain/requirements';

const ladder = parseLadder(
  `
id: groups
name: Groups
levels:
  - id: member
    name: Member
    requires:
      all:
        - check: a
          title: A
        - any:
            - check: b
              title: B
            - check: c
              title: C
        - atLeast: 2
          of:
            - check: d
              title: D
            - check: e
              title: E
            - check: f
              title: F
`,
  'groups.yaml',
);
const requires = ladder.levels[0]!.requires;
const state = (outcomes: Record<string, StepOutcome>) =>
  evaluate(ladder, requires, (id) => outcomes[id.slice('check:'.length)] ?? 'open');

describe('requirement groups', () => {
  test('when all of, one of any, and two of three are done, then the requirement is met', () => {
    expect(state({ a: 'done', c: 'done', d: 'done', f: 'done' })).toBe('met');
  });

  test('when some are still open, then the requirement is open', () => {
    expect(state({ a: 'done', c: 'done', d: 'done' })).toBe('open');
  });

  test('when every option of an any-of is lost, then the requirement is lost', () => {
    expect(state({ b: 'failed', c: 'timed-out' })).toBe('lost');
  });

  test('when two of three can no longer be reached, then the requirement is lost', () => {
    expect(state({ d: 'failed', e: 'failed' })).toBe('lost');
    expect(state({ d: 'failed' })).toBe('open');
  });
});
