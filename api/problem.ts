import { STATUS_CODES } from 'node:http';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FailureType } from '../domain/failure-types';
import { browserLanguage, sendSaying } from './pages/page';
import { DATE_TIME_RULE } from './validation/date-time';

/** An error the API answers with as RFC 9457 problem details. */
export class HttpProblem extends Error {
  /** Every problem of a file refused as a whole, each by line and field. */
  problems?: { line: number; field: string; problem: string }[];

  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

/** What a workflow's refusal or absence means to an HTTP caller. */
export function fromTemporal(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowNotFoundError) return notFound('no such contributor');
  // An emailed link used up meanwhile, found as the step's audit row was written (activities/audit.ts).
  if (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ActivityFailure &&
    err.cause.cause instanceof ApplicationFailure &&
    err.cause.cause.type === FailureType.LinkUsed
  )
    return new HttpProblem(410, 'Gone', err.cause.cause.message);
  if (
    err instanceof WorkflowUpdateFailedError &&
    err.cause instanceof ApplicationFailure &&
    err.cause.type === FailureType.StepRefused
  )
    return conflict(err.cause.message);
  return undefined;
}

function validationDetail(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.message;
  const context = err.validationContext ?? 'request';
  const missing = (first.params as { missingProperty?: string }).missingProperty;
  const extra = (first.params as { additionalProperty?: string }).additionalProperty;
  const field = [first.instancePath.replace(/^\//, '').replace(/\//g, '.'), missing ?? extra].filter(Boolean).join('.');
  const what = extra
    ? 'is not an accepted field'
    : missing
      ? 'is required'
      : first.keyword === 'format' && (first.params as { format?: string }).format === 'date-time'
        ? DATE_TIME_RULE
        : (first.message ?? 'is invalid');
  return `${context}${field ? `.${field}` : ''} ${what}`;
}

/**
 * The database cannot be reached (refused, shut down, connection lost): the
 * request may be repeated once it is back, so 503, not 500.
 */
function databaseUnavailable(err: unknown): boolean {
  const { code, message } = err as { code?: string; message?: string };
  return (
    code === 'ECONNREFUSED' ||
    code === '57P01' ||
    code === '57P03' ||
    (typeof code === 'string' && code.startsWith('08')) ||
    /Connection terminated/.test(message ?? '')
  );
}

/** gRPC codes of a Temporal service that is away or too busy to answer in time: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED. */
const TEMPORAL_BUSY_CODES = new Set([14, 4, 8]);

/**
 * Temporal cannot be reached, or could not answer in time (no worker free for
 * a query, an update not yet taken up by a busy worker): worth repeating. A
 * repeated onboarding finds the contributor it made; a step done twice is refused.
 */
function temporalUnavailable(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (!(err instanceof ServiceError)) return false;
  const { code, message } = (err.cause ?? {}) as { code?: unknown; message?: unknown };
  return (typeof code === 'number' && TEMPORAL_BUSY_CODES.has(code)) || updateLostWithItsTask(code, message);
}

/**
 * FAILED_PRECONDITION for an update whose workflow task failed before it was
 * taken (the server rewinds the workflow, for instance when an activity
 * finished during a task that would close the workflow): the update had no
 * effect, and the same request will be taken.
 */
const updateLostWithItsTask = (code: unknown, message: unknown) =>
  code === 9 && typeof message === 'string' && message.includes('unexpected workflow task failure');

/** A dependency is away for now: the client may repeat the request shortly. */
const unavailable = (detail: string) => new HttpProblem(503, 'Service Unavailable', detail, { 'retry-after': '5' });

/** The one error handler: known errors become 4xx problems, an unreachable database or Temporal a 503, the rest a bare 500. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem =
    err instanceof HttpProblem
      ? err
      : err.validation
        ? new HttpProblem(400, 'Bad Request', validationDetail(err))
        : (fromTemporal(err) ??
          (err.statusCode && err.statusCode >= 400 && err.statusCode < 500
            ? new HttpProblem(err.statusCode, STATUS_CODES[err.statusCode] ?? 'Bad Request', err.message)
            : undefined));
  if (!problem && databaseUnavailable(err)) {
    request.log.warn({ err: { code: (err as { code?: string }).code } }, 'database unavailable');
    return sendProblem(reply, unavailable('the database cannot be reached; try again shortly'));
  }
  if (!problem && temporalUnavailable(err)) {
    request.log.warn(
      { err: { message: err.message, code: (err.cause as { code?: number } | undefined)?.code } },
      'temporal unavailable',
    );
    return sendProblem(reply, unavailable('the workflow service cannot answer right now; try again shortly'));
  }
  if (!problem) {
    request.log.error({ err }, 'request failed');
    return sendProblem(
      reply,
      new HttpProblem(500, 'Internal Server Error', 'the server could not complete this request; it has been logged'),
    );
  }
  return sendProblem(reply, problem);
}

/** A problem as RFC 9457 JSON, or, on a route a person's browser opens, as a page that says it. */
export function sendProblem(
  reply: FastifyReply,
  problem: HttpProblem,
  asPage = reply.request.routeOptions.config?.page === true,
): FastifyReply {
  if (asPage) return sendProblemPage(reply.headers(problem.headers), problem.status);
  return reply
    .code(problem.status)
    .headers(problem.headers)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.problems ? { problems: problem.problems } : {}),
    });
}

/** Statuses a page has its own words for; any other is told as the nearest of its class. */
const PAGE_PROBLEMS = new Set([400, 404, 405, 413, 429, 500, 503]);

/**
 * A problem told to a person, in their browser's language: what happened and what to do, never the request's
 * technical detail (a link's page that is too long is the link's fault, and says so).
 */
function sendProblemPage(reply: FastifyReply, status: number): FastifyReply {
  const frame = { lang: browserLanguage(reply) };
  if (status === 414) return sendSaying(reply, status, frame, 'link.tooLong', { more: ['link.whatNow'] });
  const key = PAGE_PROBLEMS.has(status) ? status : status >= 500 ? 500 : 400;
  return sendSaying(reply, status, frame, `problem.${key}`);
}
