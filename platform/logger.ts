import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths that can carry a secret. Link tokens also travel in URLs, which
 * `redactUrl` masks before a request is logged.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'token',
  'key',
  'secret',
  'password',
  'apiKey',
  '*.token',
  '*.key',
  '*.secret',
  '*.password',
  '*.apiKey',
];

/** Request lines as Fastify logs them, with link tokens masked and no headers. */
const serializers = {
  req: (req: { method?: string; url?: string; ip?: string }) => ({
    method: req.method,
    url: req.url && redactUrl(req.url),
    remoteAddress: req.ip,
  }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
};

export function createLogger(level: string, name?: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, name, serializers, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** Masks the token of an emailed link, and a single sign-on answer's code, so neither reaches a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(links|progress|console\/sign-in)\/[^/?#]+/g, '/$1/[redacted]')
    .replace(/([?&](?:code|state)=)[^&#]*/g, '$1[redacted]');
}
