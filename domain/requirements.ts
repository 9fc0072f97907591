import { groupParts, isGroup, stepFor, type Ladder, type Requirement } from './ladder';

export type StepOutcome = 'open' | 'done' | 'failed' | 'timed-out';

/**
 * Where a requirement stands given its steps' outcomes: met, lost (it can no
 * longer be met) or still open. Groups compose: all-of, any-of, n-of-m.
 */
export function evaluate(
  ladder: Ladder,
  req: Requirement,
  outcome: (stepId: string) => StepOutcome,
): 'met' | 'lost' | 'open' {
  if (!isGroup(req)) {
    const state = outcome(stepFor(ladder, req).id);
    return state === 'done' ? 'met' : state === 'open' ? 'open' : 'lost';
  }
  const { children, needed } = groupParts(req);
  const results = children.map((child) => evaluate(ladder, child, outcome));
  const met = results.filter((r) => r === 'met').length;
  const lost = results.filter((r) => r === 'lost').length;
  if (met >= needed) return 'met';
  if (children.length - lost < needed) return 'lost';
  return 'open';
}
