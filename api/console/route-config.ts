import { Type } from '@sinclair/typebox';
import type { LadderSource } from '../ladder-scope';
import type { Role } from '../../platform/roles';

/** A console page's route config: answered as a page, for a signed-in person holding one of `roles`. */
export const consolePage = (roles: Role[], ladderFrom?: LadderSource) => ({
  page: true,
  access: { roles, by: 'session' as const, ...(ladderFrom ? { ladderFrom } : {}) },
});

/** Console pages are for browsers: validated like every route, but not part of the API's OpenAPI document. */
export const consoleSchema = <T extends object>(summary: string, rest: T) => ({
  summary,
  tags: ['console'],
  hide: true,
  ...rest,
});

/** Every console form carries its CSRF token. */
export const CSRF_FIELD = { _csrf: Type.String({ maxLength: 200 }) };
