import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import Fastify from 'fastify';
import { errorHandler } from '../../api/problem';
import { FailureType } from '../../domain/failure-types';

/** What the client library throws when the server answers an update with a gRPC error. */
function serviceError(code: number, message: string): ServiceError {
  return new ServiceError('Workflow Update failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('Temporal errors as HTTP problems', () => {
  async function answerTo(err: Error) {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/', async () => {
      throw err;
    });
    const response = await app.inject({ method: 'GET', url: '/' });
    await app.close();
    return {
      status: response.statusCode,
      retryAfter: response.headers['retry-after'],
      detail: response.json<{ detail?: string }>().detail,
    };
  }

  test('when an update is lost with a failed workflow task, then 503 with Retry-After: the same request will be taken', async () => {
    const lost = serviceError(
      9,
      '9 FAILED_PRECONDITION: Unable to perform workflow execution update due to unexpected workflow task failure.',
    );
    expect(await answerTo(lost)).toEqual({
      status: 503,
      retryAfter: '5',
      detail: 'the workflow service cannot answer right now; try again shortly',
    });
  });

  test('when the server refuses an update for another precondition, then it is not presented as worth repeating', async () => {
    const other = serviceError(9, '9 FAILED_PRECONDITION: workflow execution already completed');
    expect((await answerTo(other)).status).toBe(500);
  });

  test('when an update fails because its emailed link was used up meanwhile, then 410 saying so', async () => {
    const used = ApplicationFailure.create({
      type: FailureType.LinkUsed,
      message: 'this link has already been used',
      nonRetryable: true,
    });
    const failed = new WorkflowUpdateFailedError(
      'Workflow Update failed',
      new ActivityFailure('Activity task failed', 'recordAudit', '4', RetryState.NON_RETRYABLE_FAILURE, 'worker', used),
    );
    expect(await answerTo(failed)).toMatchObject({ status: 410, detail: 'this link has already been used' });
  });
});
