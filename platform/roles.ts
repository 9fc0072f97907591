/** Who may call the API; an auditor only reads the audit trail. Candidates and sponsors never hold a key: they act from emailed links. */
export const ROLES = ['team-leader', 'board', 'arbitrator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * How a role held (by a key or a staff account) names a ladder against the rule: a team leader acts on one named
 * ladder, every other role on all. Undefined when it keeps the rule.
 */
export function ladderScopeBreach(role: Role, ladderId: string | undefined | null): 'missing' | 'extra' | undefined {
  if (role === 'team-leader' && !ladderId) return 'missing';
  if (role !== 'team-leader' && ladderId) return 'extra';
  return undefined;
}
