import type { Pool, PoolClient } from 'pg';

/** The pool, or a client inside a transaction: store functions run on either. */
export type Queryable = Pool | PoolClient;

/** SQL condition: the row's contributor (`alias`.contributor_id) is on the ladder in `$param`, or that is NULL. */
export const onLadder = (alias: string, param: string) =>
  `(${param}::text IS NULL OR EXISTS (SELECT 1 FROM contributors c WHERE c.id = ${alias}.contributor_id AND c.ladder_id = ${param}))`;
