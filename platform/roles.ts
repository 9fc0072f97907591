/** Who may call the API; an auditor only reads the audit trail. Candidates and sponsors never hold a key: they act from emailed links. */
export const ROLES = ['team-leader', 'board', 'arbitrator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
