import type { Ladder } from '../domain/ladder';
import { notFound } from './problem';

/** The ladder a path names, or a 404 naming it. */
export function ladderNamed(ladders: ReadonlyMap<string, Ladder>, id: string): Ladder {
  const ladder = ladders.get(id);
  if (!ladder) throw notFound(`no ladder "${id}"`);
  return ladder;
}
