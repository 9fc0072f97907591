import { createHash } from 'node:crypto';
import type { QueryConfig, QueryConfigValues } from 'pg';

/**
 * A statement that each connection has PostgreSQL parse and plan once, then
 * only binds and runs: for the statements made at every step of every
 * contributor (audit rows, views, keys, links), where parsing and planning
 * again at every call was a fifth of the server's CPU for them.
 *
 * Only for fixed texts written in the code, so that a connection holds a
 * bounded set of them. The name is the text's digest, so two texts can never
 * share one. Behind PgBouncer in transaction mode, this needs PgBouncer 1.21
 * or later with `max_prepared_statements` set (see docs/deployment.md).
 */
export function prepared<V extends unknown[]>(text: string): (...values: V) => QueryConfig<V> {
  const name = `tl_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
  return (...values) => ({ name, text, values: values as QueryConfigValues<V> });
}
