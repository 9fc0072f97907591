import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';

/**
 * The errors particular to a route (a 409, say). Those every route of its kind
 * can answer with (400, 401, 403, 404, 413, 415, 429, 503) are added for it by responses.ts.
 */
export function problems(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((status) => [status, { $ref: 'Problem#' }]));
}

/** A person's name, or a name given to a thing: one line of plain text, trimmed (see validation/plain-text.ts). */
export const nameField = (maxLength: number, description?: string) =>
  ({
    type: 'string',
    minLength: 1,
    maxLength,
    pattern: '\\S',
    'x-text': 'line',
    ...(description ? { description } : {}),
  }) as const;

/** A note or reason a person writes: plain text, line breaks allowed, trimmed. */
export const textField = (maxLength: number, description?: string, required = false) =>
  ({
    type: 'string',
    maxLength,
    'x-text': 'lines',
    ...(required ? { minLength: 1, pattern: '\\S' } : {}),
    ...(description ? { description } : {}),
  }) as const;

export const contributorParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: CONTRIBUTOR_ID_PATTERN, description: 'Contributor id' } },
} as const;

/** Motion and dispute ids are derived from workflow ids: letters, digits, dots and dashes. */
export const recordParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,200}$' } },
} as const;

const OUTCOMES = ['open', 'done', 'failed', 'timed-out'];
const PROMOTION_STATES = ['open', 'passed', 'failed', 'timed-out', 'withdrawn'];

export const stepStatusSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'completedBy', 'status'],
  properties: {
    id: { type: 'string' },
    kind: {
      type: 'string',
      enum: [
        'agreement',
        'check',
        'challenge',
        'tenure',
        'board-approval',
        'background-check',
        'recommendation',
        'peer-vote',
        'condition',
      ],
    },
    title: { type: 'string' },
    completedBy: {
      type: 'string',
      enum: ['candidate', 'sponsor', 'peer', 'team-leader', 'board', 'arbitrator', 'system'],
      description: 'Who completes the step',
    },
    status: { type: 'string', enum: OUTCOMES },
    completedAt: { type: 'string', format: 'date-time' },
    completedByActor: { type: 'string', description: '"candidate", "system", or the id of the deciding key' },
    failedAttempts: { type: 'integer' },
  },
} as const;

export const contributorStatusSchema = {
  type: 'object',
  required: ['contributorId', 'ladderId', 'name', 'state', 'level', 'levelSince', 'promotion', 'history', 'steps'],
  properties: {
    contributorId: { type: 'string' },
    ladderId: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string', enum: ['onboarding', 'active', 'promoting', 'left'] },
    level: { type: ['string', 'null'], description: 'The level held now; null until the entry level is reached' },
    levelSince: { type: ['string', 'null'], format: 'date-time' },
    promotion: {
      type: ['object', 'null'],
      description: 'The promotion under way, or the last one',
      properties: {
        workflowId: { type: 'string' },
        target: { type: 'string' },
        state: { type: 'string', enum: PROMOTION_STATES },
      },
    },
    history: {
      type: 'array',
      items: {
        type: 'object',
        properties: { level: { type: 'string' }, enteredAt: { type: 'string', format: 'date-time' } },
      },
    },
    steps: { type: 'array', items: stepStatusSchema, description: 'The steps of the current or last promotion' },
    lastActiveAt: { type: 'string', format: 'date-time', description: 'The last sign of life' },
    inactivity: {
      type: 'object',
      description: 'The aliveness ping and warning sent since the last sign of life',
      properties: {
        pingedAt: { type: 'string', format: 'date-time' },
        warnedAt: { type: 'string', format: 'date-time' },
      },
    },
    lastReviewedAt: { type: 'string', format: 'date-time' },
    review: {
      type: 'object',
      description: 'A review of this member that is due',
      properties: { dueSince: { type: 'string', format: 'date-time' }, reason: { type: 'string' } },
    },
  },
} as const;
