import { AjvCompiler, type RouteDefinition } from '@fastify/ajv-compiler';
import type { Ajv, SchemaValidateFunction } from 'ajv';
import type { FastifyServerOptions } from 'fastify';
import { isDateTime } from './date-time';
import { refusedCharacter, TEXT_RULE, type TextKind } from './plain-text';

/**
 * `x-text` on a string field: the person's text is refused with a reason when
 * it holds what plain-text.ts refuses, and is stored trimmed.
 */
const plainText: SchemaValidateFunction = function check(kind: TextKind, data: string, _schema, context) {
  // White space around the text is a slip of copy and paste, not part of it.
  const trimmed = data.trim();
  const refused = refusedCharacter(trimmed, kind);
  if (refused) {
    plainText.errors = [{ keyword: 'x-text', params: { refused }, message: `${TEXT_RULE[kind]} (found ${refused})` }];
    return false;
  }
  if (context) context.parentData[context.parentDataProperty] = trimmed;
  return true;
};

function textKeyword(ajv: Ajv): Ajv {
  return ajv.addKeyword({
    keyword: 'x-text',
    type: 'string',
    schemaType: 'string',
    modifying: true,
    errors: true,
    validate: plainText,
  });
}

/** Over ajv-formats' own, which the compiler adds before this runs: date-time as PostgreSQL can store it. */
function storableDateTime(ajv: Ajv): void {
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
}

/**
 * Request validators: a JSON body is taken as typed (`{"source": false}` is no
 * string), while path parameters and query strings, which are text on the
 * wire, are read as the numbers and booleans their schemas say. Unknown fields
 * are refused with a 400 naming them, not silently dropped.
 */
export function requestValidators(): NonNullable<FastifyServerOptions['schemaController']> {
  const pool = AjvCompiler();
  const options = { plugins: [textKeyword], onCreate: storableDateTime };
  return {
    compilersFactory: {
      buildValidator(externalSchemas: Parameters<typeof pool>[0]) {
        const body = pool(externalSchemas, {
          customOptions: { coerceTypes: false, removeAdditional: false },
          ...options,
        });
        const other = pool(externalSchemas, {
          customOptions: { coerceTypes: 'array', removeAdditional: false },
          ...options,
        });
        // The pool's compilers take the route's definition, whatever their declared type says.
        type Compile = (route: RouteDefinition) => ReturnType<typeof body>;
        return ((route: RouteDefinition) =>
          (route.httpPart === 'body' ? (body as unknown as Compile) : (other as unknown as Compile))(
            route,
          )) as typeof body;
      },
    },
  };
}
