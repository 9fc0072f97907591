import { Type } from '@sinclair/typebox';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemRef } from './schemas';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route answers a person's browser: its errors are HTML pages, not problem documents. */
    page?: boolean;
  }
}

const PROBLEM = 'application/problem+json';
const HTML = 'text/html';
const retryAfter = { 'retry-after': Type.String({ description: 'Seconds to wait before trying again' }) };

/** The answers any route may give besides its own, and when. */
const COMMON: {
  status: number;
  description: string;
  applies: (route: RouteOptions) => boolean;
  headers?: Record<string, object>;
}[] = [
  { status: 400, description: 'The request is malformed; the detail names the field', applies: (r) => takesInput(r) },
  {
    status: 401,
    description: 'No API key, or one that is unknown, revoked or expired',
    applies: (r) => needsKey(r),
    headers: { 'www-authenticate': Type.String({ description: 'Bearer realm="trustladder"' }) },
  },
  { status: 403, description: "The key's role may not do this, or not on this ladder", applies: (r) => needsKey(r) },
  { status: 404, description: 'Nothing is known by that id', applies: (r) => Boolean(r.schema?.params) },
  { status: 413, description: 'The body is larger than the API takes', applies: (r) => takesBody(r) },
  { status: 415, description: "The body's Content-Type is not one the route reads", applies: (r) => takesBody(r) },
  { status: 429, description: 'Too many requests from this address', applies: () => true, headers: retryAfter },
  {
    status: 503,
    description: 'The database or the workflow service cannot answer now',
    applies: () => true,
    headers: retryAfter,
  },
];

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const takesBody = (route: RouteOptions) => [route.method].flat().some((m) => BODY_METHODS.has(m));
const takesInput = (route: RouteOptions) =>
  takesBody(route) || Boolean(route.schema?.params || route.schema?.querystring);
const needsKey = (route: RouteOptions) => Boolean(route.config?.access && 'roles' in route.config.access);

type Response = Record<string, unknown> & { content?: unknown; description?: string };
const isProblemRef = (schema: Response) => schema.$ref === 'Problem#';

/**
 * Completes each route's documented answers, so the OpenAPI document says
 * what the API really sends: every error a route can answer with, as the
 * problem document (or, for pages, the HTML page) it is, with its headers.
 * A status a route documents itself is kept as it wrote it.
 */
export const responseDocsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide) return;
    const type = route.config?.page ? HTML : PROBLEM;
    const errorBody =
      type === HTML ? Type.String({ description: 'An HTML page that says what went wrong' }) : ProblemRef;
    const declared = { ...(route.schema.response as Record<string, Response> | undefined) };
    for (const [status, schema] of Object.entries(declared)) {
      if (schema.content) continue;
      if (isProblemRef(schema))
        declared[status] = {
          description: schema.description ?? describe(Number(status)),
          content: { [type]: { schema: errorBody } },
        };
      else if (type === HTML)
        declared[status] = { description: schema.description ?? 'An HTML page', content: { [HTML]: { schema } } };
    }
    for (const common of COMMON) {
      if (declared[common.status] || !common.applies(route)) continue;
      declared[common.status] = {
        description: common.description,
        ...(common.headers ? { headers: common.headers } : {}),
        content: { [type]: { schema: errorBody } },
      };
    }
    route.schema.response = declared;
  });
});

const describe = (status: number) =>
  COMMON.find((c) => c.status === status)?.description ?? 'Refused; the detail says why';
