import type { FastifyInstance } from 'fastify';

/** What a use case reads: the app's decorations, whether an API route or a console page calls it. */
export type UseCaseDeps = Pick<FastifyInstance, 'pool' | 'temporal' | 'taskQueue' | 'ladders'>;
