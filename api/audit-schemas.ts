import { nameField } from './schemas';

/** The audit trail's filters and rows as the API documents them (store/audit/read.ts reads them). */
export const auditFilterSchema = {
  contributor: { type: 'string', pattern: '^[a-f0-9]{24}$', description: 'Contributor id' },
  action: {
    type: 'string',
    pattern: '^[a-z0-9.-]{1,80}\\*?$',
    description: 'An action, or a prefix ending in * (e.g. "motion.*")',
  },
  actor: { ...nameField(120), description: 'e.g. "system", "team-leader:<key id>", "candidate:<contributor id>"' },
  since: { type: 'string', format: 'date-time', description: 'Events at or after this moment' },
  until: { type: 'string', format: 'date-time', description: 'Events before this moment' },
  after: { type: 'string', pattern: '^[0-9]{1,18}$', description: 'The seq of the last event already read' },
} as const;

export const auditRowSchema = {
  type: 'object',
  required: [
    'seq',
    'occurredAt',
    'actor',
    'action',
    'contributorId',
    'workflowId',
    'details',
    'purged',
    'prevHash',
    'rowHash',
  ],
  properties: {
    seq: { type: 'string', description: 'Position in the hash chain, from 1, without gaps' },
    occurredAt: { type: 'string', format: 'date-time' },
    actor: { type: 'string' },
    action: { type: 'string' },
    contributorId: { type: ['string', 'null'] },
    workflowId: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
    purged: { type: 'boolean', description: 'Details erased after the retention period; the row stays in the chain' },
    prevHash: { type: 'string', description: 'SHA-256 (hex) of the row before' },
    rowHash: { type: 'string', description: 'SHA-256 (hex) of this row and prevHash' },
  },
} as const;
