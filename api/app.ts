import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { MAX_TOKEN_LENGTH } from '../platform/link-token';
import { redactUrl } from '../platform/logger';
import { authPlugin } from './auth';
import { consolePlugin } from './console/plugin';
import { depsPlugin, type AppDeps } from './deps';
import { metricsPlugin } from './metrics';
import { ladderScopePlugin } from './ladder-scope';
import { logContextPlugin } from './log-context';
import { errorHandler, HttpProblem, sendProblem } from './problem';
import { ProblemSchema } from './schemas';
import { methodNotAllowedPlugin } from './method-not-allowed';
import { pathTablePlugin } from './path-table';
import { RequestLog } from './request-log';
import { responseDocsPlugin } from './responses';
import { accessRoutes } from './routes/access';
import { assetRoutes } from './routes/assets';
import { auditRoutes } from './routes/audit';
import { contributorStepRoutes } from './routes/contributor-steps';
import { contributorRoutes } from './routes/contributors';
import { importRoutes } from './routes/imports';
import { ladderRoutes } from './routes/ladders';
import { disputeRoutes } from './routes/disputes';
import { healthRoutes } from './routes/health';
import { keyRoutes } from './routes/keys';
import { LINK_TOO_LONG, linkRoutes } from './routes/links';
import { motionRoutes } from './routes/motions';
import { progressRoutes } from './routes/progress';
import { rosterRoutes } from './routes/roster';
import { upkeepRoutes } from './routes/upkeep';
import { requestValidators } from './validation/compilers';

/** Request bodies beyond this get 413: no route takes more than a few kilobytes. */
export const BODY_LIMIT = 64 * 1024;

/** The API: external plugins, then authentication, then the routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger, so plugins and routes see the usual FastifyInstance.
  const logger: FastifyBaseLogger = deps.log;
  const app = Fastify({
    loggerInstance: logger,
    logController: new RequestLog(),
    bodyLimit: BODY_LIMIT,
    ...(deps.trustProxy ? { trustProxy: deps.trustProxy } : {}),
    routerOptions: { maxParamLength: MAX_TOKEN_LENGTH },
    // The router's own errors would echo the path, and with it a link's token.
    frameworkErrors: (error, request, reply) => {
      const asPage = app.paths.lookup(request.url)?.page === true;
      const problem =
        error.code !== 'FST_ERR_MAX_PARAM_LENGTH'
          ? new HttpProblem(error.statusCode ?? 400, 'Bad Request', 'the request could not be read')
          : asPage
            ? new HttpProblem(414, LINK_TOO_LONG.title, LINK_TOO_LONG.detail)
            : new HttpProblem(414, 'URI Too Long', 'a path parameter is longer than any this server reads');
      void sendProblem(reply, problem, asPage);
    },
    schemaController: requestValidators(),
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new HttpProblem(404, 'Not Found', `no route ${request.method} ${redactUrl(request.url)}`)),
  );
  app.addSchema(ProblemSchema);
  // Before any route, so each is seen as it is declared.
  await app.register(pathTablePlugin);
  await app.register(methodNotAllowedPlugin);
  await app.register(responseDocsPlugin);

  // Before authentication, so a flood of guessed keys is limited too.
  await app.register(rateLimit, {
    max: deps.limits.perMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, 'Too Many Requests', `too many requests from this address; try again in ${context.after}`, {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });
  if (deps.metrics) await app.register(metricsPlugin, { registry: deps.metrics });
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'trustladder',
        version: '0.1.0',
        description: "Takes a volunteer organisation's contributors up its trust ladder.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `npm run keys -- create`' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // App plugins: what the routes read, then who may call them.
  await app.register(depsPlugin, deps);
  await app.register(authPlugin);
  await app.register(ladderScopePlugin);
  await app.register(logContextPlugin);

  app.get('/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(contributorRoutes);
  await app.register(importRoutes);
  await app.register(ladderRoutes);
  await app.register(contributorStepRoutes);
  await app.register(upkeepRoutes);
  await app.register(accessRoutes);
  await app.register(motionRoutes);
  await app.register(disputeRoutes);
  await app.register(linkRoutes);
  await app.register(progressRoutes);
  await app.register(assetRoutes);
  await app.register(keyRoutes);
  await app.register(auditRoutes);
  await app.register(rosterRoutes);
  await app.register(consolePlugin, deps.console);
  return app;
}
