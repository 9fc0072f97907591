import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Pool } from 'pg';
import { workflowIdFor } from '../domain/contributor-id';
import { LADDER_ATTRIBUTE } from '../workflows/search-attributes';
import { HttpProblem, notFound } from './problem';
import { ladderOf } from '../store/contributors';

/**
 * Where a route finds the ladder it acts on: the contributor named in the
 * path, the ladder named in the path (`:ladder`), the `ladder` field of the
 * body, or the `ladder` filter of a list (which a team leader's own ladder
 * fills in when left out).
 */
export type LadderSource = 'contributor' | 'path' | 'body' | 'query';

/** The ladder a caller is confined to: a team leader's own; null for organisation-wide roles. */
export function ladderScopeOf(request: FastifyRequest): string | null {
  const caller = request.caller;
  return caller?.role === 'team-leader' ? caller.ladderId : null;
}

const otherLadder = (who: string, own: string[]) =>
  new HttpProblem(
    403,
    'Forbidden',
    `${who} on ${own.length === 1 ? 'ladder' : 'ladders'} ${own.map((l) => `"${l}"`).join(', ')} only`,
  );

/** How many contributors' ladders an API process remembers (about 100 bytes each). */
const REMEMBERED_LADDERS = 100_000;

/**
 * A contributor's ladder never changes: their id is made from it (see
 * contributor-id.ts). So once read it is remembered, and a team leader's
 * calls on a contributor cost no read for the scope check after the first.
 * The oldest are forgotten first.
 */
class RememberedLadders {
  private readonly byContributor = new Map<string, string>();

  get(contributorId: string): string | undefined {
    return this.byContributor.get(contributorId);
  }

  remember(contributorId: string, ladderId: string): void {
    this.byContributor.set(contributorId, ladderId);
    if (this.byContributor.size > REMEMBERED_LADDERS)
      this.byContributor.delete(this.byContributor.keys().next().value!);
  }
}

/**
 * The contributor's ladder from their row, which the workflow writes when it
 * starts (one indexed read); from the workflow itself for the moment before.
 */
async function ladderOfContributor(
  pool: Pool,
  temporal: Client,
  contributorId: string,
  remembered: RememberedLadders,
): Promise<string | undefined> {
  const known = remembered.get(contributorId);
  if (known) return known;
  const stored = await ladderOf(pool, contributorId);
  if (stored) {
    remembered.remember(contributorId, stored);
    return stored;
  }
  try {
    const description = await temporal.workflow.getHandle(workflowIdFor(contributorId)).describe();
    return description.typedSearchAttributes.get(LADDER_ATTRIBUTE);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw notFound('no such contributor');
    throw err;
  }
}

/** Runs after validation, so the path, body and query it reads are well-formed. */
export const ladderScopePlugin = fp(async (app: FastifyInstance) => {
  const { pool, temporal, ladders } = app;
  const remembered = new RememberedLadders();
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    const caller = request.caller;
    if (!access || 'public' in access || !access.ladderFrom || !caller || caller.role !== 'team-leader') return;
    // A key leads one ladder; a signed-in team leader may lead several, and acts here on the one asked for.
    const own = caller.ladders ?? [caller.ladderId!];
    const acting = (ladder: string) => {
      if (!own.includes(ladder)) throw otherLadder(caller.ladders ? 'you act' : 'this key acts', own);
      caller.ladderId = ladder;
    };
    if (access.ladderFrom === 'contributor') {
      const { id } = request.params as { id: string };
      acting((await ladderOfContributor(pool, temporal, id, remembered)) ?? '');
    } else if (access.ladderFrom === 'path') {
      const { ladder } = request.params as { ladder: string };
      // An unknown ladder is the route's to answer with 404.
      if (ladders.has(ladder)) acting(ladder);
    } else if (access.ladderFrom === 'body') {
      const { ladder } = request.body as { ladder: string };
      // An unknown ladder is the route's to refuse, with the list of known ones.
      if (ladders.has(ladder)) acting(ladder);
    } else {
      const query = request.query as { ladder?: string };
      if (query.ladder !== undefined) acting(query.ladder);
      query.ladder = caller.ladderId!;
    }
  });
});
