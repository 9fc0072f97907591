import type { Client, QueryDefinition } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import { VIEW_MEMO } from '../workflows/view-memo';
import { viewOf, viewWithNamed } from '../store/views';

/** Where a workflow's status is read from: PostgreSQL first, Temporal for runs that keep none there. */
export interface ViewSource {
  pool: Pool | PoolClient;
  temporal: Client;
}

/**
 * What a workflow last wrote to `workflow_views`; for runs begun before that,
 * what it keeps in its memo (read from the server, no worker involved);
 * undefined for runs older still, which answer only by query.
 */
export async function keptView<T>(source: ViewSource, workflowId: string): Promise<T | undefined> {
  return (await viewOf<T>(source.pool, workflowId)) ?? memoView<T>(source.temporal, workflowId);
}

/** A workflow's status, wherever it keeps it (see keptView), else by query. */
export async function statusOf<T>(source: ViewSource, workflowId: string, query: QueryDefinition<T>): Promise<T> {
  return (await viewOf<T>(source.pool, workflowId)) ?? statusFromTemporal(source.temporal, workflowId, query);
}

/** The same, for a run known to keep no row: from its memo, else by query. */
export async function statusFromTemporal<T>(
  temporal: Client,
  workflowId: string,
  query: QueryDefinition<T>,
): Promise<T> {
  return (await memoView<T>(temporal, workflowId)) ?? temporal.workflow.getHandle(workflowId).query(query);
}

/**
 * A workflow's row and the row of the workflow its view names at
 * `pathToOther` (a contributor's promotion), in one round trip; undefined
 * for either that keeps none.
 */
export async function statusesOf<T, U>(
  pool: Pool | PoolClient,
  workflowId: string,
  pathToOther: string[],
): Promise<{ status?: T; other?: U }> {
  return viewWithNamed<T, U>(pool, workflowId, pathToOther);
}

async function memoView<T>(temporal: Client, workflowId: string): Promise<T | undefined> {
  const { memo } = await temporal.workflow.getHandle(workflowId).describe();
  return memo?.[VIEW_MEMO] as T | undefined;
}
