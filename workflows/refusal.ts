import { ApplicationFailure } from '@temporalio/workflow';
import { STEP_REFUSED } from './messages';

/** Refuses an update from its validator; the API answers 409 with the message. */
export function refuse(message: string): never {
  throw ApplicationFailure.create({ type: STEP_REFUSED, message, nonRetryable: true });
}
