import { ApplicationFailure } from '@temporalio/common';

/** A failure that no retry can fix (bad configuration, missing record): fail at once, with its type. */
export function permanentFailure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}
