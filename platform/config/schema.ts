/**
 * Every setting trustladder reads from the environment, each with its doc and
 * default. docs/configuration.md is made from this list (`npm run
 * config:doc`), and a test fails when it is stale.
 */
export interface Setting<T> {
  doc: string;
  default: string | undefined;
  parse(raw: string, name: string): T;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const text = (doc: string, def?: string): Setting<string> => ({ doc, default: def, parse: (raw) => raw });

const optionalText = (doc: string): Setting<string | undefined> => ({
  doc,
  default: undefined,
  parse: (raw) => (raw === '' ? undefined : raw),
});

const port = (doc: string, def: string): Setting<number> => ({
  doc,
  default: def,
  parse(raw, name) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}"`);
    return n;
  },
});

const positiveNumber = (doc: string, def: string): Setting<number> => ({
  doc,
  default: def,
  parse(raw, name) {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
    return n;
  },
});

const flag = (doc: string, def: 'true' | 'false'): Setting<boolean> => ({
  doc,
  default: def,
  parse(raw, name) {
    if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name} must be true or false, got "${raw}"`);
    return raw === 'true';
  },
});

const url = (doc: string, def: string | undefined, protocols: string[]): Setting<string | undefined> => ({
  doc,
  default: def,
  parse(raw, name) {
    if (raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${name} must be a URL, got something that is not`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(`${name} must use one of ${protocols.join(', ')}; got ${parsed.protocol}`);
    }
    return raw.replace(/\/$/, '');
  },
});

const logLevel: Setting<string> = {
  doc: 'Log level: fatal, error, warn, info, debug or trace.',
  default: 'info',
  parse(raw, name) {
    if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) {
      throw new ConfigError(`${name} must be one of fatal, error, warn, info, debug, trace, silent; got "${raw}"`);
    }
    return raw;
  },
};

/** `kid:secret,kid:secret`; the first key signs, all of them verify (rotation). */
const signingKeys: Setting<{ kid: string; secret: string }[] | undefined> = {
  doc: 'Keys that sign email links, as `kid:secret` pairs separated by commas; the first signs, all verify, so a new key can be put first while old links stay valid. Secrets need 32 characters or more. Unset: a key is generated once and kept in the data folder.',
  default: undefined,
  parse(raw, name) {
    if (raw === '') return undefined;
    return raw.split(',').map((pair) => {
      const at = pair.indexOf(':');
      const kid = pair.slice(0, at).trim();
      const secret = pair.slice(at + 1).trim();
      if (at < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid))
        throw new ConfigError(`${name}: each key must be "kid:secret" with a short alphanumeric kid`);
      if (secret.length < 32)
        throw new ConfigError(`${name}: the secret of key "${kid}" is shorter than 32 characters`);
      return { kid, secret };
    });
  },
};

export const schema = {
  DATA_DIR: text(
    'Folder for everything trustladder keeps on this machine: the embedded PostgreSQL, the Temporal dev server state, the mail outbox, generated secrets.',
    './data',
  ),
  DATABASE_URL: url(
    'PostgreSQL connection URL. Unset: an embedded PostgreSQL is started under the data folder.',
    undefined,
    ['postgres:', 'postgresql:'],
  ),
  TEMPORAL_ADDRESS: optionalText(
    'host:port of a Temporal frontend. Unset: `npm start` runs the Temporal dev server; `npm run worker` and `npm run api` use 127.0.0.1:7233.',
  ),
  TEMPORAL_NAMESPACE: text('Temporal namespace.', 'default'),
  TEMPORAL_TASK_QUEUE: text('Task queue the worker polls and the API starts workflows on.', 'trustladder'),
  TEMPORAL_TLS: flag(
    'Connect to Temporal over TLS (Temporal Cloud, a cluster behind TLS). Implied by the other TEMPORAL_TLS_* settings and TEMPORAL_API_KEY.',
    'false',
  ),
  TEMPORAL_TLS_CA: optionalText(
    "PEM file of the CA that signed the Temporal frontend's certificate, where it is not a public one.",
  ),
  TEMPORAL_TLS_CERT: optionalText(
    'PEM file of the client certificate, for a namespace that authenticates by mTLS (with TEMPORAL_TLS_KEY).',
  ),
  TEMPORAL_TLS_KEY: optionalText('PEM file of the key of TEMPORAL_TLS_CERT.'),
  TEMPORAL_TLS_SERVER_NAME: optionalText(
    "Server name to expect in the frontend's certificate, where it differs from the host in TEMPORAL_ADDRESS.",
  ),
  TEMPORAL_API_KEY: optionalText(
    'API key for Temporal Cloud (sent as a bearer token, over TLS). A secret: never logged.',
  ),
  TEMPORAL_DEV_PORT: port('Port of the Temporal dev server that `npm start` runs.', '7233'),
  TEMPORAL_UI_PORT: port('Port of the Temporal web UI that `npm start` runs.', '8233'),
  TEMPORAL_CLI: optionalText('Path of a Temporal CLI to use instead of the one the set-up installs.'),
  TEMPORAL_TEST_SERVER: optionalText(
    'Path of a Temporal time-skipping test server to use instead of the one the set-up installs.',
  ),
  HOST: text('Address the API listens on.', '127.0.0.1'),
  PORT: port('Port the API listens on.', '3000'),
  PUBLIC_URL: url(
    'Base URL of the API as candidates reach it; email links start with it. Unset: http://localhost:PORT.',
    undefined,
    ['http:', 'https:'],
  ),
  SMTP_URL: url(
    'SMTP server for outgoing mail, e.g. smtp://user:pass@host:587 or smtps://host. Connections are kept open and reused, up to 5 at once (?maxConnections=N to change, ?pool=false for a connection per message). Unset: each message is written as an .eml file to DATA_DIR/outbox and its links are logged.',
    undefined,
    ['smtp:', 'smtps:'],
  ),
  MAIL_FROM: text('Sender address of every email.', 'trustladder <trustladder@localhost>'),
  LINK_SIGNING_KEYS: signingKeys,
  LINK_TTL_HOURS: positiveNumber('Hours an emailed link stays valid.', '168'),
  PROGRESS_LINK_TTL_DAYS: positiveNumber(
    "Days the link to a candidate's progress page works; every mail to them carries a fresh one.",
    '60',
  ),
  CONSOLE_IDLE_MINUTES: positiveNumber(
    'Minutes a console session stays open without use; then its holder signs in again.',
    '60',
  ),
  CONSOLE_SESSION_HOURS: positiveNumber(
    'Hours a console session lasts at most, however busy; then its holder signs in again.',
    '12',
  ),
  CONSOLE_SIGN_IN_PER_HOUR: positiveNumber(
    'Sign-in mails one client address may ask for per hour; beyond it, 429. Counted by each API process.',
    '10',
  ),
  OIDC_ISSUER: url(
    'Issuer URL of an OpenID Connect provider for single sign-on to the console (with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET). Unset: staff sign in by emailed link only.',
    undefined,
    ['http:', 'https:'],
  ),
  OIDC_CLIENT_ID: optionalText('Client id of the console at the OpenID Connect provider.'),
  OIDC_CLIENT_SECRET: optionalText(
    'Client secret of the console at the OpenID Connect provider. A secret: never logged.',
  ),
  FACT_SERVICE_URL: url(
    'Base URL of the service that answers condition facts (group membership, last login): GET {url}/facts/{fact}?contributor=ID&email=ADDRESS must answer {"holds": true} or {"holds": false}. Unset: conditions on facts are unknown, so a promotion that needs one fails and a level held is kept.',
    undefined,
    ['http:', 'https:'],
  ),
  FACT_SERVICE_TOKEN: optionalText('Bearer token sent to the fact service.'),
  LADDERS_DIR: text('Folder of ladder definition files.', './ladders'),
  RATE_LIMIT_PER_MINUTE: positiveNumber(
    'Requests one client address may make to the API per minute; beyond it, 429 with Retry-After. Counted by each API process.',
    '600',
  ),
  LINK_RATE_LIMIT_PER_MINUTE: positiveNumber(
    'Requests one client address may make per minute to the emailed-link pages and the public roster, which need no key.',
    '30',
  ),
  TRUST_PROXY: optionalText(
    'Reverse proxies whose X-Forwarded-For names the client (comma-separated addresses or CIDRs, e.g. 127.0.0.1). Unset: the connecting address is the client, so behind a proxy every client would share one rate limit.',
  ),
  PERSONAL_DATA_RETENTION_DAYS: positiveNumber(
    'Days after a contributor left the ladder before their name, address and the personal details of their audit rows are erased (the chain stays verifiable). Runs daily on a Temporal schedule, or with `npm run purge`.',
    '365',
  ),
  MAILMAN_URL: url(
    "Mailman 3 core REST API for the ladders' `mailman` access, with its admin credentials, e.g. http://restadmin:secret@127.0.0.1:8001/3.1. Unset: `mailman` access is kept in the built-in directory.",
    undefined,
    ['http:', 'https:'],
  ),
  MAILMAN_LIST_DOMAIN: optionalText(
    'Mail domain of lists named without one in ladder files (`member:cacert-support-engineer` is cacert-support-engineer@MAILMAN_LIST_DOMAIN).',
  ),
  MEDIAWIKI_API_URL: url(
    "MediaWiki Action API (…/w/api.php) for the ladders' `wiki` access. Unset: `wiki` access is kept in the built-in directory.",
    undefined,
    ['http:', 'https:'],
  ),
  MEDIAWIKI_BOT_USER: optionalText(
    'Bot password user (Special:BotPasswords, e.g. Trustladder@access) with the "user rights" grant.',
  ),
  MEDIAWIKI_BOT_PASSWORD: optionalText('The bot password.'),
  ZNUNY_URL: url(
    "The TrustLadder agent web service on Znuny/OTRS (docs/znuny-agent-web-service.md) for the ladders' `otrs` access, with the web service's login, e.g. https://trustladder:secret@otrs.example.org/otrs/nph-genericinterface.pl/Webservice/TrustLadder. Unset: `otrs` access is kept in the built-in directory.",
    undefined,
    ['http:', 'https:'],
  ),
  MOIN_URL: url(
    "A MoinMoin wiki (its base URL, with xmlrpc enabled) for the ladders' `moin` access: group pages such as SupportEngineerGroup. Unset: `moin` access is kept in the built-in directory.",
    undefined,
    ['http:', 'https:'],
  ),
  MOIN_USER: optionalText('The MoinMoin user trustladder edits group pages as (needs write on them).'),
  MOIN_PASSWORD: optionalText("That user's password."),
  ATHEME_URL: url(
    "Atheme services' JSON-RPC endpoint (modules/transport/jsonrpc on the httpd module), e.g. http://127.0.0.1:8080/jsonrpc, for the ladders' `irc` access (`channel:#se`). Unset: `irc` access is kept in the built-in directory.",
    undefined,
    ['http:', 'https:'],
  ),
  ATHEME_ACCOUNT: optionalText(
    'The services account trustladder logs in as: it needs +f (flags) on every channel it manages.',
  ),
  ATHEME_PASSWORD: optionalText("That account's password."),
  ATHEME_CHANNEL_FLAGS: text(
    'Flags `channel:#name` gives (one entitlement can name its own: `channel:#se:+AV`).',
    '+iV',
  ),
  RECONCILE_EVERY_MINUTES: positiveNumber(
    'Minutes between reconciliation runs, which compare the access each person should have with what each system lists and fix the drift (a Temporal schedule).',
    '15',
  ),
  RECONCILE_DRY_RUN: flag(
    'true: reconciliation only reports the drift it finds (audited as access.drift-found) and changes nothing.',
    'false',
  ),
  RECONCILE_MAX_REMOVALS: positiveNumber(
    'Most removals one reconciliation run makes; the rest wait for a person to look (a broken configuration must not empty a list).',
    '25',
  ),
  API_METRICS_ADDRESS: optionalText(
    "host:port where the API serves Prometheus metrics at /metrics (requests by route and status, latency, the process), apart from the API's own port. Unset: not served.",
  ),
  WORKFLOW_BUNDLE: optionalText(
    'The workflow code bundled ahead (`node --import tsx worker/bundle-workflows.ts <file>`; the image does it when built). Unset: each worker bundles it in a child process as it starts.',
  ),
  WORKFLOW_STACK_TRACES: flag(
    "true: workflow code records stack traces, for errors thrown in it and for the Temporal UI's stack trace view of a running workflow. false: it records none, which spares the worker about a fifth of its CPU (the SDK captures a stack for every promise workflow code makes; bench/README.md). A WORKFLOW_BUNDLE must have been made with the same setting (`--stack-traces` for true).",
    'false',
  ),
  WORKER_MAX_CACHED_WORKFLOWS: positiveNumber(
    "Workflows a worker keeps in memory between their tasks. Most contributors sit for weeks between steps: one evicted is replayed from its history when it next moves. The SDK's own default grows with the heap (thousands); with it and the heap cap in worker/node-flags.ts, a worker with 10,000 open contributors stays under 512 MB (its latest peak is in bench/README.md).",
    '250',
  ),
  WORKER_METRICS_ADDRESS: optionalText(
    "host:port where the worker serves the Temporal SDK's Prometheus metrics at /metrics (task latencies, activity executions and failures by type, slots, polls). Unset: not served.",
  ),
  LOG_LEVEL: logLevel,
} satisfies Record<string, Setting<unknown>>;

export type Schema = typeof schema;
export type Config = { [K in keyof Schema]: ReturnType<Schema[K]['parse']> };
