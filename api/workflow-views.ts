import type { Client, QueryDefinition } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import { viewOf, viewWithNamed } from '../store/views';

/** Where a workflow's status is read from: PostgreSQL first, Temporal for a run that has not written it yet. */
export interface ViewSource {
  pool: Pool | PoolClient;
  temporal: Client;
}

/** A workflow's status as it last wrote it, else by query (a run started a moment ago has not written it yet). */
export async function statusOf<T>(source: ViewSource, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  return (await viewOf<T>(source.pool, workflowId)) ?? statusByQuery(source.temporal, workflowId, query);
}

/** Asks the workflow itself: for a run whose first view write has not landed. */
export async function statusByQuery<T>(temporal: Client, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  return temporal.workflow.getHandle(workflowId).query(query);
}

/**
 * A workflow's row and the row of the workflow its view names at
 * `pathToOther` (a contributor's promotion), in one round trip; undefined
 * for either that has written none yet.
 */
export async function statusesOf<T, U>(
  pool: Pool | PoolClient,
  workflowId: string,
  pathToOther: string[],
): Promise<{ status?: T; other?: U }> {
  return viewWithNamed<T, U>(pool, workflowId, pathToOther);
}
