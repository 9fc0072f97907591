import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import type { Logger } from '../platform/logger';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** A contributor's workflow is `contributor-<id>`; their promotions are `contributor-<id>.promotion-…`. */
const CONTRIBUTOR_WORKFLOW = /^contributor-([a-f0-9]{24})(?:\.|$)/;

/** The contributor a workflow belongs to, from its id, so every log line about them can be found by it. */
export function contributorOf(workflowId: unknown): string | undefined {
  return typeof workflowId === 'string' ? CONTRIBUTOR_WORKFLOW.exec(workflowId)?.[1] : undefined;
}

/**
 * The Temporal SDK's logger (the worker's own lines, and those of workflows
 * and activities, which carry the workflow id, type and run) written as the
 * rest of trustladder's JSON lines, with the contributor's id added.
 */
export function sdkLogger(log: Logger): SdkLogger {
  const write = (level: LogLevel, message: string, meta: LogMetadata = {}) => {
    // The SDK says a line or two about every task at debug: those below the level are dropped before any work.
    if (!log.isLevelEnabled(LEVELS[level])) return;
    const { error, ...rest } = meta;
    const contributorId = (rest.contributorId as string | undefined) ?? contributorOf(rest.workflowId);
    // pino serialises an Error under `err` only.
    log[LEVELS[level]](
      { ...rest, ...(contributorId ? { contributorId } : {}), ...(error === undefined ? {} : { err: error }) },
      message,
    );
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
