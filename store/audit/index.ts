/** The audit trail: one hash chain, appended to, read a page at a time, and verified. */
export { appendAudit, type AuditEvent } from './write';
export { auditHeadExists, readAllAudit, readAudit, type AuditFilter, type AuditRow } from './read';
export { verifyAuditChain, type ChainProblem, type ChainReport } from './verify';
