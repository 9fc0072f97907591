import { Type, type SchemaOptions, type Static, type TSchema } from '@sinclair/typebox';
import { CONTRIBUTOR_ID_PATTERN } from '../domain/contributor-id';

/**
 * Route schemas are TypeBox: each is the JSON Schema that validates a
 * request and documents it in OpenAPI, and, through the TypeBox type
 * provider, the TypeScript type of what a handler receives and answers.
 */

/** One of a few strings, as a plain `enum` (TypeBox's Union of literals would read as anyOf in the document). */
export const StringEnum = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** A value or null, as `type: [..., 'null']`. */
export const Nullable = <T extends TSchema>(schema: T, options: SchemaOptions = {}) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type as string, 'null'], ...options });

/** An RFC 3339 date and time with its offset (see validation/date-time.ts). */
export const DateTime = (options: SchemaOptions = {}) => Type.String({ format: 'date-time', ...options });

/** The body of every error: RFC 9457 problem details. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    problems: Type.Optional(
      Type.Array(
        Type.Object({
          line: Type.Integer({ description: 'The line of the file (0: the file as a whole)' }),
          field: Type.String(),
          problem: Type.String(),
        }),
        { description: 'Every problem found, for a file refused as a whole (an import)' },
      ),
    ),
  },
  { $id: 'Problem' },
);
export type Problem = Static<typeof ProblemSchema>;

/** Where an error's body is documented: the shared Problem schema. */
export const ProblemRef = Type.Unsafe<Problem>({ $ref: 'Problem#' });

/**
 * The errors particular to a route (a 409, say). Those every route of its kind
 * can answer with (400, 401, 403, 404, 413, 415, 429, 503) are added for it by responses.ts.
 */
export function problems<const S extends readonly number[]>(...statuses: S): { [K in S[number]]: typeof ProblemRef } {
  return Object.fromEntries(statuses.map((status) => [status, ProblemRef])) as { [K in S[number]]: typeof ProblemRef };
}

/** A person's name, or a name given to a thing: one line of plain text, trimmed (see validation/plain-text.ts). */
export const nameField = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', 'x-text': 'line', ...(description ? { description } : {}) });

/** A ladder's id (cacert-support). */
export const LADDER_ID = '^[a-z0-9][a-z0-9-]{0,62}$';

/** A check's or a challenge's id in a ladder file (assurer, Support-1). */
export const STEP_ID = '^[A-Za-z0-9][A-Za-z0-9-]{0,62}$';

/** A system's name in a ladder file (otrs, irc, wiki). */
export const SYSTEM = '^[a-z][a-z0-9-]{0,31}$';

/** A note or reason a person writes: plain text, line breaks allowed, trimmed. */
export const textField = (maxLength: number, description?: string, required = false) =>
  Type.String({
    maxLength,
    'x-text': 'lines',
    ...(required ? { minLength: 1, pattern: '\\S' } : {}),
    ...(description ? { description } : {}),
  });

export const ContributorParams = Type.Object(
  { id: Type.String({ pattern: CONTRIBUTOR_ID_PATTERN, description: 'Contributor id' }) },
  { additionalProperties: false },
);

/** Motion and dispute ids are derived from workflow ids: letters, digits, dots and dashes. */
export const RecordParams = Type.Object(
  { id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{0,200}$' }) },
  { additionalProperties: false },
);

const OUTCOMES = ['open', 'done', 'failed', 'timed-out'] as const;
const PROMOTION_STATES = ['open', 'passed', 'failed', 'timed-out', 'withdrawn'] as const;

export const StepStatusSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum([
    'agreement',
    'check',
    'challenge',
    'tenure',
    'board-approval',
    'background-check',
    'recommendation',
    'peer-vote',
    'condition',
  ]),
  title: Type.String(),
  label: Type.Optional(
    Type.Object(
      { key: Type.String(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) },
      {
        description: 'The title as a text of the message catalogue (step.title.<key>), for readers in other languages',
      },
    ),
  ),
  completedBy: StringEnum(['candidate', 'sponsor', 'peer', 'team-leader', 'board', 'arbitrator', 'system'], {
    description: 'Who completes the step',
  }),
  status: StringEnum(OUTCOMES),
  completedAt: Type.Optional(DateTime()),
  completedByActor: Type.Optional(Type.String({ description: '"candidate", "system", or the id of the deciding key' })),
  failedAttempts: Type.Optional(Type.Integer()),
});

/** A sponsor's or peer's own words on a candidate, for the team leader and the board. */
export const StatementSchema = Type.Object({
  by: StringEnum(['sponsor', 'peer']),
  id: Type.String({ description: 'The contributor who wrote it' }),
  vote: Type.Optional(StringEnum(['agree', 'abstain', 'disagree', 'block'], { description: "A peer's vote" })),
  text: Type.String({ maxLength: 2000 }),
  at: DateTime(),
});

export const ContributorStatusSchema = Type.Object({
  contributorId: Type.String(),
  ladderId: Type.String(),
  name: Type.String(),
  state: StringEnum(['onboarding', 'active', 'promoting', 'left']),
  leftAs: Type.Optional(
    StringEnum(['emeritus', 'revoked', 'inactive'], {
      description: 'Why they left: stepped down (emeritus, who may return), revoked, or removed as inactive',
    }),
  ),
  formerLevel: Type.Optional(Type.String({ description: "An emeritus's level before stepping down" })),
  level: Nullable(Type.String(), { description: 'The level held now; null until the entry level is reached' }),
  levelSince: Nullable(DateTime()),
  promotion: Nullable(
    Type.Object({
      workflowId: Type.String(),
      target: Type.String(),
      state: StringEnum(PROMOTION_STATES),
    }),
    { description: 'The promotion under way, or the last one' },
  ),
  history: Type.Array(Type.Object({ level: Type.String(), enteredAt: DateTime() })),
  steps: Type.Array(StepStatusSchema, { description: 'The steps of the current or last promotion' }),
  statements: Type.Optional(
    Type.Array(StatementSchema, {
      description: 'What sponsors and peers wrote with their vouch or vote (open promotion)',
    }),
  ),
  lastActiveAt: Type.Optional(DateTime({ description: 'The last sign of life' })),
  inactivity: Type.Optional(
    Type.Object(
      { pingedAt: Type.Optional(DateTime()), warnedAt: Type.Optional(DateTime()) },
      { description: 'The aliveness ping and warning sent since the last sign of life' },
    ),
  ),
  lastReviewedAt: Type.Optional(DateTime()),
  review: Type.Optional(
    Type.Object(
      { dueSince: DateTime(), reason: Type.String() },
      { description: 'A review of this member that is due' },
    ),
  ),
});
