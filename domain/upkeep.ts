import { durationMs } from './duration';
import { gates, levelIndex, type ConditionGate, type Ladder, type Upkeep } from './ladder';

export const DEFAULT_UPKEEP: Upkeep = {
  recheckEvery: '30m',
  inactivity: { pingAfter: '60d', warnAfter: '83d', removeAfter: '90d' },
  reviewEvery: '1y',
};

export function upkeepOf(ladder: Ladder): Upkeep {
  return { ...DEFAULT_UPKEEP, ...ladder.upkeep };
}

/** The conditions of every level up to the one held, each with the level that first asks for it. */
export function heldConditions(
  ladder: Ladder,
  level: string | null,
): { level: string; condition: ConditionGate['condition'] }[] {
  return ladder.levels
    .slice(0, levelIndex(ladder, level) + 1)
    .flatMap((l) =>
      gates(l.requires).flatMap((g) => ('condition' in g ? [{ level: l.id, condition: g.condition }] : [])),
    )
    .filter((c, i, all) => all.findIndex((o) => o.condition.id === c.condition.id) === i);
}

/** The level below `level`, or null when it is the entry level. */
export function levelBelow(ladder: Ladder, level: string): string | null {
  return ladder.levels[levelIndex(ladder, level) - 1]?.id ?? null;
}

/** A check of the inactivity stages: ping before warning before removal. */
export function inactivityProblem(inactivity: NonNullable<Upkeep['inactivity']>): string | undefined {
  const [ping, warn, remove] = [inactivity.pingAfter, inactivity.warnAfter, inactivity.removeAfter].map(durationMs) as [
    number,
    number,
    number,
  ];
  if (!(ping < warn && warn < remove)) return 'pingAfter must come before warnAfter, and warnAfter before removeAfter';
  return undefined;
}
