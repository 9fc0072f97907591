import { DURATION_PATTERN } from './duration';
import type { Ladder } from './ladder';

const KINDS = [
  'all',
  'any',
  'of',
  'agreement',
  'check',
  'challenge',
  'tenure',
  'boardApproval',
  'backgroundCheck',
  'recommendation',
  'peerVote',
  'condition',
] as const;
const ALLOWED: Record<(typeof KINDS)[number], string[]> = {
  all: ['all'],
  any: ['any'],
  of: ['atLeast', 'of'],
  agreement: ['agreement'],
  check: ['check', 'title'],
  challenge: ['challenge'],
  tenure: ['tenure'],
  boardApproval: ['boardApproval'],
  backgroundCheck: ['backgroundCheck'],
  recommendation: ['recommendation'],
  peerVote: ['peerVote'],
  condition: ['condition'],
};
const duration = new RegExp(DURATION_PATTERN);

/**
 * Walks a requirement tree: each node is exactly one gate or group, with the
 * fields its kind takes. Errors carry the JSON path of the node at fault.
 */
export function checkRequirement(
  ladder: Ladder,
  node: unknown,
  where: string,
  fail: (where: string, message: string) => never,
): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node))
    fail(where, 'must be a gate or a group (all, any, atLeast/of)');
  const record = node as Record<string, unknown>;
  const kinds = KINDS.filter((k) => k in record);
  if (kinds.length !== 1)
    fail(
      where,
      `must be exactly one of ${KINDS.filter((k) => k !== 'of').join(', ')}, atLeast/of; found ${kinds.length === 0 ? 'none' : kinds.join(', ')}`,
    );
  const kind = kinds[0]!;
  const extra = Object.keys(record).find((key) => !ALLOWED[kind].includes(key));
  if (extra) fail(`${where}/${extra}`, `is not a field of a ${kind} requirement`);

  const text = (key: string) => {
    if (typeof record[key] !== 'string' || record[key] === '') fail(`${where}/${key}`, 'must be a non-empty string');
    return record[key];
  };
  const children = (key: string) => {
    const list = record[key];
    if (!Array.isArray(list) || list.length === 0) fail(`${where}/${key}`, 'must be a non-empty list of requirements');
    (list as unknown[]).forEach((child, i) => checkRequirement(ladder, child, `${where}/${key}/${i}`, fail));
    return list as unknown[];
  };
  switch (kind) {
    case 'all':
    case 'any':
      children(kind);
      return;
    case 'of': {
      const n = record.atLeast;
      const list = children('of');
      if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > list.length)
        fail(`${where}/atLeast`, `must be a whole number from 1 to ${list.length}`);
      return;
    }
    case 'agreement':
      if (!ladder.documents[text('agreement')])
        fail(
          `${where}/agreement`,
          `names no document of this ladder (known: ${Object.keys(ladder.documents).join(', ') || 'none'})`,
        );
      return;
    case 'check':
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(text('check'))) fail(`${where}/check`, 'must be a lowercase id');
      text('title');
      return;
    case 'challenge':
      if (!ladder.challenges[text('challenge')])
        fail(
          `${where}/challenge`,
          `names no challenge of this ladder (known: ${Object.keys(ladder.challenges).join(', ') || 'none'})`,
        );
      return;
    case 'tenure':
      if (!duration.test(text('tenure'))) fail(`${where}/tenure`, 'must be a duration like 90d, 2w, 12h, 30m or 10s');
      return;
    case 'boardApproval': {
      const approval = record.boardApproval as Record<string, unknown> | null;
      if (typeof approval?.motion !== 'string' || !approval.motion)
        fail(`${where}/boardApproval/motion`, 'must be the text of the motion');
      return;
    }
    case 'recommendation': {
      const rec = record.recommendation as Record<string, unknown> | null;
      if (!Number.isInteger(rec?.sponsors) || (rec!.sponsors as number) < 1 || (rec!.sponsors as number) > 20)
        fail(`${where}/recommendation/sponsors`, 'must be a whole number from 1 to 20');
      if (typeof rec?.atLevel !== 'string' || !ladder.levels.some((l) => l.id === rec.atLevel))
        fail(
          `${where}/recommendation/atLevel`,
          `must name a level of this ladder (${ladder.levels.map((l) => l.id).join(', ')})`,
        );
      return;
    }
    case 'peerVote': {
      const vote = record.peerVote as Record<string, unknown> | null;
      const levels = ladder.levels.map((l) => l.id);
      if (typeof vote?.peers !== 'string' || !levels.includes(vote.peers))
        fail(`${where}/peerVote/peers`, `must name a level of this ladder (${levels.join(', ')})`);
      if (vote.owner !== undefined && (typeof vote.owner !== 'string' || !levels.includes(vote.owner)))
        fail(`${where}/peerVote/owner`, `must name a level of this ladder (${levels.join(', ')})`);
      const extraKey = Object.keys(vote).find((k) => k !== 'peers' && k !== 'owner');
      if (extraKey) fail(`${where}/peerVote/${extraKey}`, 'is not a field of a peer vote (peers, owner)');
      return;
    }
    case 'condition': {
      const cond = record.condition as Record<string, unknown> | null;
      if (typeof cond?.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(cond.id))
        fail(`${where}/condition/id`, 'must be a lowercase id');
      if (typeof cond.title !== 'string' || !cond.title) fail(`${where}/condition/title`, 'must be a non-empty string');
      const sources = ['emailDomain', 'fact'].filter((k) => k in cond);
      if (sources.length !== 1)
        fail(
          `${where}/condition`,
          'must give exactly one of emailDomain (a list of domains) or fact (a name the fact service answers)',
        );
      if ('emailDomain' in cond) {
        const domains = cond.emailDomain;
        if (
          !Array.isArray(domains) ||
          domains.length === 0 ||
          !domains.every((d) => typeof d === 'string' && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d))
        )
          fail(`${where}/condition/emailDomain`, 'must be a non-empty list of lowercase domains like example.org');
      } else if (typeof cond.fact !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9:._-]{0,127}$/.test(cond.fact)) {
        fail(`${where}/condition/fact`, 'must be a fact name (letters, digits, ":", ".", "_", "-")');
      }
      const extraKey = Object.keys(cond).find((k) => !['id', 'title', 'emailDomain', 'fact'].includes(k));
      if (extraKey)
        fail(`${where}/condition/${extraKey}`, 'is not a field of a condition (id, title, emailDomain, fact)');
      return;
    }
    case 'backgroundCheck': {
      const check = record.backgroundCheck as Record<string, unknown> | null;
      for (const key of ['deadline', 'remindEvery']) {
        if (typeof check?.[key] !== 'string' || !duration.test(check[key]))
          fail(`${where}/backgroundCheck/${key}`, 'must be a duration like 90d, 2w, 12h, 30m or 10s');
      }
      return;
    }
  }
}
