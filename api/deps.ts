import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Ladder } from '../domain/ladder';
import type { Config } from '../platform/config';
import { linkSigningKeys, type SigningKey } from '../platform/config/local-secrets';
import { loadLadders } from '../platform/ladder-file';
import type { Logger } from '../platform/logger';
import { createMailer, type Mailer } from '../platform/mailer';

export interface AppDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  ladders: ReadonlyMap<string, Ladder>;
  signingKeys: SigningKey[];
  log: Logger;
  limits: { perMinute: number; linksPerMinute: number };
  trustProxy?: string;
  /** Where candidates reach the API: their browsers' Origin on a link's form. */
  publicUrl: string;
  /** How long a progress page link handed out works (each mail and each answered step hands out a fresh one). */
  progressTtlMs: number;
  /** Sends the console's sign-in mail (the worker sends everything else). Closed with the app. */
  mailer: Mailer;
  console: ConsoleSettings;
  /** Prometheus registry the API counts its requests in (served by api/main.ts on METRICS_ADDRESS). */
  metrics?: Registry;
}

/** How the staff console signs people in, and for how long. */
export interface ConsoleSettings {
  idleMs: number;
  absoluteMs: number;
  signInPerHour: number;
  /** Single sign-on, when an OpenID provider is configured. */
  oidc?: { issuer: string; clientId: string; clientSecret: string };
}

/** The API's dependencies as a process builds them from its configuration. */
export function appDeps(config: Config, pool: Pool, temporal: Client, log: Logger): AppDeps {
  return {
    pool,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ladders: loadLadders(config.LADDERS_DIR),
    signingKeys: linkSigningKeys(config),
    log,
    limits: { perMinute: config.RATE_LIMIT_PER_MINUTE, linksPerMinute: config.LINK_RATE_LIMIT_PER_MINUTE },
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL!,
    progressTtlMs: config.PROGRESS_LINK_TTL_DAYS * 86_400_000,
    mailer: createMailer({
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      outboxDir: path.join(config.DATA_DIR, 'outbox'),
      log,
    }),
    console: {
      idleMs: config.CONSOLE_IDLE_MINUTES * 60_000,
      absoluteMs: config.CONSOLE_SESSION_HOURS * 3_600_000,
      signInPerHour: config.CONSOLE_SIGN_IN_PER_HOUR,
      ...(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET
        ? {
            oidc: {
              issuer: config.OIDC_ISSUER,
              clientId: config.OIDC_CLIENT_ID,
              clientSecret: config.OIDC_CLIENT_SECRET,
            },
          }
        : {}),
    },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    pool: Pool;
    temporal: Client;
    taskQueue: string;
    ladders: ReadonlyMap<string, Ladder>;
    signingKeys: SigningKey[];
    limits: AppDeps['limits'];
    publicUrl: string;
    progressTtlMs: number;
    mailer: Mailer;
  }
}

/** Decorates the instance with what the routes read, as fastify/demo's app plugins do: no bag passed to each route. */
export const depsPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.decorate('pool', deps.pool);
  app.decorate('temporal', deps.temporal);
  app.decorate('taskQueue', deps.taskQueue);
  app.decorate('ladders', deps.ladders);
  app.decorate('signingKeys', deps.signingKeys);
  app.decorate('limits', deps.limits);
  app.decorate('publicUrl', deps.publicUrl);
  app.decorate('progressTtlMs', deps.progressTtlMs);
  app.decorate('mailer', deps.mailer);
  app.addHook('onClose', async () => deps.mailer.close());
});
