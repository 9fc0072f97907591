import type { FastifyInstance } from 'fastify';
import { levelName } from '../../domain/ladder';
import { contributorView, type ContributorView } from '../contributor-workflows';
import { contactOf } from '../../store/contributors';
import { latestDisputeOf, type DisputeRow } from '../../store/disputes';

/** What the board and arbitration see of a candidate: their status, steps, statements, and time at level. */
export interface Dossier {
  view: ContributorView;
  name: string;
  ladderName: string;
  levelName: (level: string | null) => string;
  daysAtLevel: number | null;
  /** The latest background check filed with arbitration, and its verdict once given. */
  dispute?: DisputeRow;
}

export async function dossierOf(app: FastifyInstance, contributorId: string): Promise<Dossier> {
  const [view, contact, dispute] = await Promise.all([
    contributorView(app, contributorId),
    contactOf(app.pool, contributorId),
    latestDisputeOf(app.pool, contributorId),
  ]);
  const ladder = app.ladders.get(view.ladderId);
  return {
    view,
    name: contact?.name ?? view.name,
    ladderName: ladder?.name ?? view.ladderId,
    levelName: (level) => (ladder && levelName(ladder, level)) || level || '—',
    ...(dispute ? { dispute } : {}),
    daysAtLevel: view.levelSince ? Math.floor((Date.now() - Date.parse(view.levelSince)) / 86_400_000) : null,
  };
}
