import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DURATION_PATTERN } from '../domain/duration';
import { stepsToEnter, type Ladder, type Quiz } from '../domain/ladder';
import { checkRequirement } from '../domain/requirement-schema';
import { LANGUAGES } from './i18n';
import { inactivityProblem } from '../domain/upkeep';

const ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' };
const TEXT = { type: 'string', minLength: 1, maxLength: 300 };
const DURATION = { type: 'string', pattern: DURATION_PATTERN };
const EMAIL = { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' };
const TIMING = {
  type: 'object',
  additionalProperties: false,
  properties: { remindAfter: DURATION, escalateAfter: DURATION, deadline: DURATION },
};

const ladderSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'levels'],
  properties: {
    id: ID,
    name: TEXT,
    language: { enum: [...LANGUAGES], description: "Candidates' language when their onboarding names none" },
    documents: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'version', 'url'],
        properties: {
          title: TEXT,
          version: TEXT,
          url: { type: 'string', pattern: '^https?://' },
          sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
          resignOnNewVersion: { type: 'boolean' },
        },
      },
    },
    challenges: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['title'],
        properties: {
          title: TEXT,
          attempts: { type: 'integer', minimum: 1, maximum: 100 },
          quiz: {
            type: 'object',
            additionalProperties: false,
            required: ['passMark', 'questions'],
            properties: {
              passMark: { type: 'integer', minimum: 1 },
              questions: {
                type: 'array',
                minItems: 1,
                maxItems: 100,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['id', 'text', 'choices', 'answer'],
                  properties: {
                    id: ID,
                    text: { type: 'string', minLength: 1, maxLength: 2000 },
                    choices: { type: 'array', minItems: 2, maxItems: 20, items: TEXT },
                    answer: TEXT,
                  },
                },
              },
            },
          },
        },
      },
    },
    board: {
      type: 'object',
      additionalProperties: false,
      required: ['seats'],
      properties: { seats: { type: 'integer', minimum: 1, maximum: 1000 } },
    },
    contacts: { type: 'object', additionalProperties: false, properties: { arbitration: EMAIL, teamLeader: EMAIL } },
    timing: TIMING,
    upkeep: {
      type: 'object',
      additionalProperties: false,
      properties: {
        recheckEvery: DURATION,
        inactivity: {
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['pingAfter', 'warnAfter', 'removeAfter'],
              properties: { pingAfter: DURATION, warnAfter: DURATION, removeAfter: DURATION },
            },
          ],
        },
        reviewEvery: { oneOf: [{ type: 'null' }, DURATION] },
      },
    },
    levels: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'requires'],
        properties: {
          id: ID,
          name: TEXT,
          requires: { type: 'object' },
          return: { type: 'object', description: 'What an emeritus who returns completes to hold this level again' },
          timing: TIMING,
          followUp: {
            type: 'object',
            additionalProperties: false,
            required: ['after', 'note'],
            properties: { after: DURATION, note: { type: 'string', minLength: 1, maxLength: 2000 } },
          },
          access: {
            type: 'object',
            description: 'Per system, the entitlements the level carries there',
            propertyNames: { pattern: '^[a-z][a-z0-9-]{0,31}$' },
            additionalProperties: {
              type: 'array',
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 200, pattern: '^\\S+$' },
            },
          },
        },
      },
    },
  },
};

const validate = new Ajv({ allErrors: false }).compile<Ladder>(ladderSchema);

export class LadderFileError extends Error {
  override name = 'LadderFileError';
}

/** Validates a ladder's text; errors name the file, the field's path and what was expected. */
export function parseLadder(text: string, file: string): Ladder {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new LadderFileError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  if (!validate(data)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath || '/';
    const extra =
      error?.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
    throw new LadderFileError(`${file}: ${where}: ${error?.message ?? 'is invalid'}${extra}`);
  }
  const ladder: Ladder = {
    ...data,
    documents: data.documents ?? {},
    challenges: Object.fromEntries(
      Object.entries(data.challenges ?? {}).map(([id, c]) => [id, { ...c, attempts: c.attempts ?? 3 }]),
    ),
  };
  const fail = (where: string, message: string): never => {
    throw new LadderFileError(`${file}: ${where}: ${message}`);
  };
  const inactivity = ladder.upkeep?.inactivity;
  const inactivityWrong = inactivity ? inactivityProblem(inactivity) : undefined;
  if (inactivityWrong) fail('/upkeep/inactivity', inactivityWrong);
  for (const [id, challenge] of Object.entries(ladder.challenges))
    if (challenge.quiz) checkQuiz(challenge.quiz, `/challenges/${id}/quiz`, fail);
  const seen = new Set<string>();
  ladder.levels.forEach((level, index) => {
    if (seen.has(level.id)) fail(`/levels/${index}/id`, `level "${level.id}" is declared twice`);
    seen.add(level.id);
    const paths = [['requires', false] as const, ...(level.return ? [['return', true] as const] : [])];
    for (const [field, returning] of paths) {
      const where = `/levels/${index}/${field}`;
      checkRequirement(ladder, returning ? level.return! : level.requires, where, fail);
      const ids = stepsToEnter(ladder, level, returning).map((s) => s.id);
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      if (twice) fail(where, `step "${twice}" appears twice`);
      const needsBoard = ids.includes('board-approval') && !ladder.board;
      if (needsBoard) fail(where, 'boardApproval needs the ladder to declare board: { seats: N }');
      if (ids.includes('background-check') && !ladder.contacts?.arbitration)
        fail(where, 'backgroundCheck needs contacts.arbitration, the address disputes are filed with');
      if ((index === 0 || returning) && ids.includes('tenure'))
        fail(where, 'tenure cannot be required here: no level is held before it');
    }
  });
  return ladder;
}

function checkQuiz(quiz: Quiz, where: string, fail: (where: string, message: string) => never): void {
  if (quiz.passMark > quiz.questions.length)
    fail(`${where}/passMark`, `must be at most the number of questions (${quiz.questions.length})`);
  const ids = new Set<string>();
  quiz.questions.forEach((q, i) => {
    if (ids.has(q.id)) fail(`${where}/questions/${i}/id`, `question "${q.id}" is declared twice`);
    ids.add(q.id);
    if (!q.choices.includes(q.answer)) fail(`${where}/questions/${i}/answer`, 'must be the text of one of its choices');
    if (new Set(q.choices).size !== q.choices.length)
      fail(`${where}/questions/${i}/choices`, 'must not repeat a choice');
  });
}

export function loadLadderFile(file: string): Ladder {
  return parseLadder(readFileSync(file, 'utf8'), file);
}

/** Every ladder in a folder, by id; two files declaring one id is an error. */
export function loadLadders(dir: string): Map<string, Ladder> {
  const ladders = new Map<string, Ladder>();
  for (const name of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const ladder = loadLadderFile(path.join(dir, name));
    if (ladders.has(ladder.id))
      throw new LadderFileError(`${path.join(dir, name)}: ladder id "${ladder.id}" is already used by another file`);
    ladders.set(ladder.id, ladder);
  }
  return ladders;
}
