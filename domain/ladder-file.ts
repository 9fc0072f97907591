import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { stepsToEnter, type Ladder } from './ladder';

const ID = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' };
const TEXT = { type: 'string', minLength: 1, maxLength: 300 };

/** A gate is named by its kind's key; the if/then form makes errors name the field that is wrong. */
const gate = {
  type: 'object',
  additionalProperties: false,
  properties: { agreement: TEXT, check: ID, title: TEXT },
  allOf: [
    { anyOf: [{ required: ['agreement'] }, { required: ['check'] }] },
    { if: { required: ['check'] }, then: { required: ['title'], not: { required: ['agreement'] } } },
    { if: { required: ['agreement'] }, then: { not: { required: ['title'] } } },
  ],
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
          requires: {
            type: 'object',
            additionalProperties: false,
            required: ['all'],
            properties: { all: { type: 'array', minItems: 1, items: gate } },
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
    const extra = error?.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
    throw new LadderFileError(`${file}: ${where}: ${error?.message ?? 'is invalid'}${extra}`);
  }
  const ladder = { ...data, documents: data.documents ?? {} };
  const seen = new Set<string>();
  ladder.levels.forEach((level, index) => {
    if (seen.has(level.id)) throw new LadderFileError(`${file}: /levels/${index}/id: level "${level.id}" is declared twice`);
    seen.add(level.id);
    try {
      stepsToEnter(ladder, level);
    } catch (err) {
      throw new LadderFileError(`${file}: /levels/${index}/requires: ${(err as Error).message}`);
    }
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
