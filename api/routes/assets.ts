import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/** The files pages load, served by the app itself: nothing comes from another site. */
const ASSETS = ['style.css'] as const;

export async function assetRoutes(instance: FastifyInstance): Promise<void> {
  // Serving only: the route below declares who may fetch what, as every route does.
  await instance.register(fastifyStatic, { root: path.join(__dirname, '..', 'public'), serve: false });
  instance.get<{ Params: { file: (typeof ASSETS)[number] } }>(
    '/assets/:file',
    {
      config: { access: { public: true } },
      schema: {
        summary: 'A file the pages load (their stylesheet)',
        tags: ['links'],
        params: Type.Object({ file: Type.Union(ASSETS.map((a) => Type.Literal(a))) }),
        response: { 200: { description: 'The stylesheet', content: { 'text/css': { schema: Type.String() } } } },
      },
    },
    (request, reply) => reply.header('cache-control', 'public, max-age=3600').sendFile(request.params.file),
  );
}
