import { contributorView, type ContributorView } from '../../api/contributor-workflows';
import type { TestSystem } from './system';

export interface SystemState {
  counts: Record<string, string>;
  contributor: ContributorView;
}

/**
 * Everything an API call could change, as one comparable value: the audit
 * chain's head, the projections, the keys, the used links, and one
 * contributor's workflow as it answers.
 */
export async function systemState(system: TestSystem, contributorId: string): Promise<SystemState> {
  const { rows } = await system.pool.query<Record<string, string>>(
    `SELECT (SELECT seq::text FROM audit_chain_head) AS audit, (SELECT count(*)::text FROM contributors) AS contributors,
            (SELECT count(*)::text FROM api_keys) AS keys, (SELECT count(*)::text FROM api_keys WHERE revoked_at IS NOT NULL) AS revoked,
            (SELECT count(*)::text FROM link_tokens WHERE used_at IS NOT NULL) AS used_links,
            (SELECT count(*)::text FROM motions) AS motions, (SELECT count(*)::text FROM disputes) AS disputes`,
  );
  return { counts: rows[0]!, contributor: await contributorView(system, contributorId) };
}
