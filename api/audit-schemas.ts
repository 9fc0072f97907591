import { Type } from '@sinclair/typebox';
import { DateTime, nameField, Nullable } from './schemas';

/** The audit trail's filters and rows as the API documents them (store/audit/read.ts reads them). */
export const AuditFilterFields = {
  contributor: Type.Optional(Type.String({ pattern: '^[a-f0-9]{24}$', description: 'Contributor id' })),
  action: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9.-]{1,80}\\*?$',
      description: 'An action, or a prefix ending in * (e.g. "motion.*")',
    }),
  ),
  actor: Type.Optional({
    ...nameField(120),
    description: 'e.g. "system", "team-leader:<key id>", "candidate:<contributor id>"',
  }),
  since: Type.Optional(DateTime({ description: 'Events at or after this moment' })),
  until: Type.Optional(DateTime({ description: 'Events before this moment' })),
  after: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,18}$', description: 'The seq of the last event already read' }),
  ),
};

export const AuditRowSchema = Type.Object({
  seq: Type.String({ description: 'Position in the hash chain, from 1, without gaps' }),
  occurredAt: DateTime(),
  actor: Type.String(),
  action: Type.String(),
  contributorId: Nullable(Type.String()),
  workflowId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
  purged: Type.Boolean({ description: 'Details erased after the retention period; the row stays in the chain' }),
  prevHash: Type.String({ description: 'SHA-256 (hex) of the row before' }),
  rowHash: Type.String({ description: 'SHA-256 (hex) of this row and prevHash' }),
});
