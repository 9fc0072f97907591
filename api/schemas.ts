import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';

/** Response schemas for the errors a route can answer with. */
export function problems(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries([401, 403, ...statuses].map((status) => [status, { $ref: 'Problem#' }]));
}

export const contributorParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: CONTRIBUTOR_ID_PATTERN, description: 'Contributor id' } },
} as const;

export const stepStatusSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'completedBy', 'status'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['agreement', 'check'] },
    title: { type: 'string' },
    completedBy: { type: 'string', enum: ['candidate', 'team-leader'], description: 'Who completes the step' },
    status: { type: 'string', enum: ['open', 'done'] },
    completedAt: { type: 'string', format: 'date-time' },
    completedByActor: { type: 'string', description: '"candidate" or the id of the team leader\'s key' },
  },
} as const;

export const contributorStatusSchema = {
  type: 'object',
  required: ['contributorId', 'ladderId', 'name', 'state', 'level', 'workingToward', 'steps'],
  properties: {
    contributorId: { type: 'string' },
    ladderId: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string', enum: ['onboarding', 'active'] },
    level: { type: ['string', 'null'], description: 'The level held now; null until the entry level is reached' },
    workingToward: { type: ['string', 'null'] },
    steps: { type: 'array', items: stepStatusSchema },
  },
} as const;
