import { ApplicationFailure } from '@temporalio/common';
import type { FailureType } from '../domain/failure-types';

/** A failure that no retry can fix (bad configuration, missing record): fail at once, with its type. */
export function permanentFailure(type: FailureType, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
