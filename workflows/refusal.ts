import { ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../domain/failure-types';

/** Refuses an update from its validator; the API answers 409 with the message. */
export function refuse(message: string): never {
  throw ApplicationFailure.create({ type: FailureType.StepRefused, message, nonRetryable: true });
}
