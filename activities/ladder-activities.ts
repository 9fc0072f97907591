import type { Ladder } from '../domain/ladder';
import { permanentFailure } from './failures';

export function createLadderActivities({ ladders }: { ladders: ReadonlyMap<string, Ladder> }) {
  return {
    /** The ladder as it is now; the workflow keeps this snapshot in its history. */
    async loadLadder(ladderId: string): Promise<Ladder> {
      const ladder = ladders.get(ladderId);
      if (!ladder) throw permanentFailure('UnknownLadder', `no ladder "${ladderId}" is configured`);
      return ladder;
    },
  };
}
