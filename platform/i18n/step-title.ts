import type { StepLabel } from '../../domain/ladder';
import type { Translate } from './index';

/** A step's title in the reader's language: the catalogue's, or the ladder file's own (checks, conditions). */
export function stepTitle(t: Translate, step: { title: string; label?: StepLabel }): string {
  return step.label ? t(`step.title.${step.label.key}`, step.label.params) : step.title;
}
