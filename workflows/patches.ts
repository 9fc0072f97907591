import { patched } from '@temporalio/workflow';

/** Every patch made before the baseline below; each still decides, by name, for runs begun before it. */
export type PatchBeforeBaseline =
  | 'upkeep'
  | 'access'
  | 'promotion-shown-after-child-start'
  | 'state-attribute-on-promotion'
  | 'flag-sponsored-on-revoke'
  | 'steps-mail-finishes'
  | 'audit-finishes'
  | 'view-memo'
  | 'view-projection';

/**
 * Stands for every patch in PatchBeforeBaseline. Each patch a new run takes
 * costs it a marker and an upsert of the TemporalChangeVersion search
 * attribute (a visibility write on the server, made by the SDK's core): one
 * for all of them instead of one each. Asked by every workflow in its first
 * activation (keepView), so its answer holds for the whole run: true for runs
 * begun with it, false for runs begun before it, which ask each patch.
 */
const BASELINE = 'baseline-2026-12-01';

/** Whether this run takes the patched behaviour: always, for runs begun on the baseline. */
export function hasPatch(id: PatchBeforeBaseline): boolean {
  return patched(BASELINE) || patched(id);
}

/** Patches made since the baseline, each asked by name where its change is made. */
export type PatchSinceBaseline = 'update-changes-after-first-activity' | 'grants-by-system';

/** Whether this run takes the patched behaviour (see PatchSinceBaseline). */
export function hasNewPatch(id: PatchSinceBaseline): boolean {
  return patched(id);
}
