import { patched } from '@temporalio/workflow';

/**
 * Every patch, grouped by the baseline that came after it, newest first.
 *
 * Each patch a new run takes costs it a marker and an upsert of the
 * TemporalChangeVersion search attribute (a visibility write on the server,
 * made by the SDK's core). A baseline stands for every patch made before it,
 * its own group's and all older groups': a run begun on it asks that one
 * patch instead of each. Runs begun before a baseline ask the older ones,
 * then each patch by name.
 *
 * A new patch goes in a new group at the top, with a baseline of its own:
 * never into a group already released, whose runs would take it on replay.
 */
const PATCHES = [
  {
    baseline: 'baseline-2026-12-02',
    patches: [
      'update-changes-after-first-activity',
      'grants-by-system',
      'audit-with-motion-and-dispute',
      'search-attributes-when-changed',
    ],
  },
  {
    baseline: 'baseline-2026-12-01',
    patches: [
      'upkeep',
      'access',
      'promotion-shown-after-child-start',
      'state-attribute-on-promotion',
      'flag-sponsored-on-revoke',
      'steps-mail-finishes',
      'audit-finishes',
      'view-memo',
      'view-projection',
    ],
  },
] as const;

export type Patch = (typeof PATCHES)[number]['patches'][number];

/**
 * Whether this run takes the patched behaviour: always, for runs begun on a
 * baseline made after the patch; otherwise as Temporal's `patched` says.
 */
export function hasPatch(id: Patch): boolean {
  for (const group of PATCHES) {
    if (group.baseline === inherited || patched(group.baseline)) return true;
    if ((group.patches as readonly string[]).includes(id)) break;
  }
  return patched(id);
}

/** The baseline this run's parent started it on, from the run's input (see baselineForChild). */
let inherited: string | undefined;

/**
 * For a child run, first thing: takes the baseline its parent started it on,
 * so that it needs no patch marker, and no visibility write, of its own.
 * Module state is the run's own: the SDK keeps each run's modules apart.
 */
export function inheritBaseline(baseline: string | undefined): void {
  inherited = baseline;
}

/**
 * For a parent about to start a child: the newest baseline when this run is
 * on it, for the child to inherit; otherwise none, and the child asks itself.
 */
export function baselineForChild(): string | undefined {
  const newest = PATCHES[0].baseline;
  return inherited === newest || patched(newest) ? newest : undefined;
}
