import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';

/** What the routes of one path have in common, whatever the method asked. */
export interface PathEntry {
  methods: Set<string>;
  /** Its routes answer a person's browser (see responses.ts). */
  page: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The paths the routes take, for answers given before or without a route: 405, an overlong path. */
    paths: { lookup(url: string): PathEntry | undefined };
  }
}

/** Long enough for any path parameter the server itself would read: the router's own limit refuses longer ones. */
const LOOKUP_PARAM_LENGTH = 64 * 1024;

/** Every path the app routes, matched as the router matches it, whatever the method. */
export const pathTablePlugin = fp(async (app: FastifyInstance) => {
  const router = FindMyWay({ maxParamLength: LOOKUP_PARAM_LENGTH });
  const entries = new Map<string, PathEntry>();
  app.addHook('onRoute', (route) => {
    let entry = entries.get(route.url);
    if (!entry) {
      entry = { methods: new Set(), page: false };
      entries.set(route.url, entry);
      router.on('GET', route.url, () => undefined, entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method);
    entry.page ||= route.config?.page === true;
  });
  app.decorate('paths', {
    lookup: (url: string) => router.find('GET', url.split('?')[0]!)?.store as PathEntry | undefined,
  });
});
