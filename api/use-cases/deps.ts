import type { FastifyInstance } from 'fastify';

/** What a use case reads: the app's decorations, whether an API route or a console page calls it. */
export type UseCaseDeps = Pick<FastifyInstance, 'pool' | 'temporal' | 'taskQueue' | 'ladders'>;

/** A use case that also mails people and links them to the console. */
export type MailingDeps = UseCaseDeps & Pick<FastifyInstance, 'mailer' | 'publicUrl'>;
