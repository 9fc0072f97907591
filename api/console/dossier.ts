import type { FastifyInstance } from 'fastify';
import { contributorView, type ContributorView } from '../contributor-workflows';
import { contactOf } from '../../store/contributors';

/** What the board and arbitration see of a candidate: their status, steps, statements, and time at level. */
export interface Dossier {
  view: ContributorView;
  name: string;
  ladderName: string;
  levelName: (level: string | null) => string;
  daysAtLevel: number | null;
}

export async function dossierOf(app: FastifyInstance, contributorId: string): Promise<Dossier> {
  const [view, contact] = await Promise.all([contributorView(app, contributorId), contactOf(app.pool, contributorId)]);
  const ladder = app.ladders.get(view.ladderId);
  return {
    view,
    name: contact?.name ?? view.name,
    ladderName: ladder?.name ?? view.ladderId,
    levelName: (level) => (level && ladder?.levels.find((l) => l.id === level)?.name) || level || '—',
    daysAtLevel: view.levelSince ? Math.floor((Date.now() - Date.parse(view.levelSince)) / 86_400_000) : null,
  };
}
