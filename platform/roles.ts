/** Who may call the API; an auditor only reads the audit trail. Candidates and sponsors never hold a key: they act from emailed links. */
export const ROLES = ['team-leader', 'board', 'arbitrator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why a role cannot be held as asked, or undefined: a team leader acts on one named ladder, every other role on all. */
export function roleScopeProblem(role: Role, ladderId: string | undefined | null): string | undefined {
  if (role === 'team-leader' && !ladderId) return 'a team leader names the ladder they lead';
  if (role !== 'team-leader' && ladderId) return `a ${role} acts organisation-wide and names no ladder`;
  return undefined;
}
