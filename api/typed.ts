import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

/**
 * The instance as routes use it: the request and reply types of each route
 * come from its TypeBox schemas, so a handler cannot read a field its schema
 * does not declare or answer with one it does not document.
 */
export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();
