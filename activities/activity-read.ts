import { Context } from '@temporalio/activity';
import type { Pool } from 'pg';
import { entitlementsBySystem } from '../domain/access';
import type { Ladder } from '../domain/ladder';
import { upkeepOf } from '../domain/upkeep';
import { peopleToRead, whoOn } from '../store/activity';
import type { AccessSystems } from './access/systems';

/** The latest a system saw the person working, and which system. */
export interface Seen {
  at: string;
  source: string;
}

/** Someone whose systems saw them after their last sign of life: the workflow to tell. */
export interface SeenPerson extends Seen {
  workflowId: string;
}

/** People read at once in the daily run: each costs a call or two per system. */
const AT_ONCE = 8;

const log = () => {
  try {
    return Context.current().log;
  } catch {
    return undefined;
  }
};

export function createActivityReadActivities(deps: {
  pool: Pool;
  systems: AccessSystems;
  ladders: () => ReadonlyMap<string, Ladder>;
}) {
  /**
   * The latest activity any of the systems reports for the person, where a
   * system can tell. A system that cannot be read now is passed over: the
   * answer is what the others saw, and the ping waits for no outage.
   */
  async function latestOn(systemNames: Iterable<string>, identityOn: (system: string) => string): Promise<Seen | null> {
    let latest: Seen | null = null;
    for (const name of systemNames) {
      const system = deps.systems(name);
      if (!system.lastActive) continue;
      try {
        const at = await system.lastActive(identityOn(name));
        if (at && (!latest || at.toISOString() > latest.at)) latest = { at: at.toISOString(), source: name };
      } catch (err) {
        log()?.warn('activity could not be read', { system: name, error: (err as Error).message });
      }
    }
    return latest;
  }

  return {
    /** When the systems the person works in last saw them, for a ping about to go out. */
    async lastSeenOn(input: { contributorId: string; systems: string[] }): Promise<Seen | null> {
      const person = await whoOn(deps.pool, input.contributorId);
      if (!person) return null;
      return latestOn(input.systems, (system) => person.identities[system] ?? person.email);
    },

    /**
     * One page of the daily read, in id order after `after`: everyone holding
     * a level on a ladder that asks for signs of life, and of them the ones a
     * system saw after their last sign of life.
     */
    async readSignsOfLife(input: {
      after?: string;
      limit: number;
    }): Promise<{ read: number; seen: SeenPerson[]; next?: string }> {
      const ladders = deps.ladders();
      const watched = [...ladders.values()].filter((l) => upkeepOf(l).inactivity).map((l) => l.id);
      const people = await peopleToRead(deps.pool, watched, input.after ?? '', input.limit);
      const seen: SeenPerson[] = [];
      let next = 0;
      const worker = async () => {
        while (next < people.length) {
          const person = people[next++]!;
          const systems = entitlementsBySystem([ladders.get(person.ladderId)!]).keys();
          const latest = await latestOn(systems, (system) => person.identities[system] ?? person.email);
          if (latest && (!person.lastActiveAt || latest.at > person.lastActiveAt))
            seen.push({ ...latest, workflowId: person.workflowId });
        }
      };
      await Promise.all(Array.from({ length: AT_ONCE }, worker));
      return {
        read: people.length,
        seen,
        ...(people.length === input.limit ? { next: people[people.length - 1]!.id } : {}),
      };
    },
  };
}
