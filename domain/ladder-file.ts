import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { DURATION_PATTERN } from './duration';
import { stepsToEnter, type Ladder } from './ladder';
import { checkRequirement } from './requirement-schema';

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
    documents: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'version', 'url'],
        properties: { title: TEXT, version: TEXT, url: { type: 'string', pattern: '^https?://' } },
      },
    },
    challenges: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['title'],
        properties: { title: TEXT, attempts: { type: 'integer', minimum: 1, maximum: 100 } },
      },
    },
    board: { type: 'object', additionalProperties: false, required: ['seats'], properties: { seats: { type: 'integer', minimum: 1, maximum: 1000 } } },
    contacts: { type: 'object', additionalProperties: false, properties: { arbitration: EMAIL, teamLeader: EMAIL } },
    timing: TIMING,
    levels: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'requires'],
        properties: { id: ID, name: TEXT, requires: { type: 'object' }, timing: TIMING },
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
    const extra = error?.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
    throw new LadderFileError(`${file}: ${where}: ${error?.message ?? 'is invalid'}${extra}`);
  }
  const ladder: Ladder = {
    ...data,
    documents: data.documents ?? {},
    challenges: Object.fromEntries(Object.entries(data.challenges ?? {}).map(([id, c]) => [id, { ...c, attempts: c.attempts ?? 3 }])),
  };
  const fail = (where: string, message: string): never => {
    throw new LadderFileError(`${file}: ${where}: ${message}`);
  };
  const seen = new Set<string>();
  ladder.levels.forEach((level, index) => {
    if (seen.has(level.id)) fail(`/levels/${index}/id`, `level "${level.id}" is declared twice`);
    seen.add(level.id);
    checkRequirement(ladder, level.requires, `/levels/${index}/requires`, fail);
    const ids = stepsToEnter(ladder, level).map((s) => s.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) fail(`/levels/${index}/requires`, `step "${twice}" appears twice`);
    const needsBoard = ids.includes('board-approval') && !ladder.board;
    if (needsBoard) fail(`/levels/${index}/requires`, 'boardApproval needs the ladder to declare board: { seats: N }');
    if (ids.includes('background-check') && !ladder.contacts?.arbitration) fail(`/levels/${index}/requires`, 'backgroundCheck needs contacts.arbitration, the address disputes are filed with');
    if (index === 0 && ids.includes('tenure')) fail(`/levels/${index}/requires`, 'the entry level cannot require tenure: there is no level before it');
  });
  return ladder;
}

export function loadLadderFile(file: string): Ladder {
  return parseLadder(readFileSync(file, 'utf8'), file);
}

/** Every ladder in a folder, by id; two files declaring one id is an error. */
export function loadLadders(dir: string): Map<string, Ladder> {
  const ladders = new Map<string, Ladder>();
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const ladder = loadLadderFile(path.join(dir, name));
    if (ladders.has(ladder.id)) throw new LadderFileError(`${path.join(dir, name)}: ladder id "${ladder.id}" is already used by another file`);
    ladders.set(ladder.id, ladder);
  }
  return ladders;
}
