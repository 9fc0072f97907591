/**
 * A ladder as data: its levels, what it takes to enter each, the documents
 * candidates agree to and the challenges they take. Pure types and functions:
 * workflows use them.
 */
export interface AgreementDocument {
  title: string;
  version: string;
  url: string;
  /** The SHA-256 of the document's text: what exactly was agreed to. */
  sha256?: string;
  /** False when a new version does not need signing again (a typo fixed); true by default. */
  resignOnNewVersion?: boolean;
}

/** A question of a built-in quiz; `answer` is the text of the right choice. */
export interface QuizQuestion {
  id: string;
  text: string;
  choices: string[];
  answer: string;
}

/** A quiz the candidate takes from an emailed link, graded by the workflow. */
export interface Quiz {
  /** How many questions must be answered right to pass. */
  passMark: number;
  questions: QuizQuestion[];
}

export interface Challenge {
  title: string;
  /** Failed attempts beyond this end the promotion attempt. */
  attempts: number;
  quiz?: Quiz;
}

/** When a step stalls: remind the candidate, tell the team leader, then give up. */
export interface StepTiming {
  remindAfter?: string;
  escalateAfter?: string;
  deadline?: string;
}

export interface AgreementGate {
  agreement: string;
}
/** A fact only a person can establish, recorded by the team leader. */
export interface CheckGate {
  check: string;
  title: string;
}
export interface ChallengeGate {
  challenge: string;
}
/** A minimum time at the level held now (a durable timer). */
export interface TenureGate {
  tenure: string;
}
/** A motion the board votes on (CAcert Security Policy 9.1.4.2). */
export interface BoardApprovalGate {
  boardApproval: { motion: string };
}
/** A dispute filed with arbitration, waiting for its verdict (CAcert's Arbitrated Background Check). */
export interface BackgroundCheckGate {
  backgroundCheck: { deadline: string; remindEvery: string };
}

/** k members at or above a level vouch for the candidate, each from an emailed link, and answer for them. */
export interface RecommendationGate {
  recommendation: { sponsors: number; atLevel: string };
}

/**
 * Peers decide: a member at the owner level (a module owner) decides alone, or
 * a majority of the members at or above the peer level agrees, with no block.
 */
export interface PeerVoteGate {
  peerVote: { peers: string; owner?: string };
}

/**
 * An external fact, checked when the step opens and again while the level is
 * held (GrowthBook: email domain, group membership). Email domains are
 * checked here; other facts are asked of the fact service (FACT_SERVICE_URL).
 */
export interface ConditionGate {
  condition: { id: string; title: string; emailDomain?: string[]; fact?: string };
}

export type Gate =
  | AgreementGate
  | CheckGate
  | ChallengeGate
  | TenureGate
  | BoardApprovalGate
  | BackgroundCheckGate
  | RecommendationGate
  | PeerVoteGate
  | ConditionGate;

export type Requirement =
  Gate | { all: Requirement[] } | { any: Requirement[] } | { atLeast: number; of: Requirement[] };

export interface Level {
  id: string;
  name: string;
  requires: Requirement;
  /** What an emeritus (who stepped down from this level) completes to hold it again; without it they start afresh. */
  return?: Requirement;
  timing?: StepTiming;
  /** Some time after the level is entered, the team leader is asked to check in with the person (GrowthBook: 120 minutes). */
  followUp?: { after: string; note: string };
  /** The access the level carries, per system (see domain/access.ts). */
  access?: Record<string, string[]>;
}

export interface Ladder {
  id: string;
  name: string;
  /** Candidates' language when their onboarding names none (platform/i18n); English otherwise. */
  language?: string;
  documents: Record<string, AgreementDocument>;
  challenges: Record<string, Challenge>;
  /** Board seats, for the quorum of a motion: a majority of them. */
  board?: { seats: number };
  /** Where background-check disputes are filed, and where escalations go. */
  contacts?: { arbitration?: string; teamLeader?: string };
  timing?: StepTiming;
  /** Rechecks, inactivity and reviews; defaults in domain/upkeep.ts. */
  upkeep?: Partial<Upkeep>;
  levels: Level[];
}

export type StepKind =
  | 'agreement'
  | 'check'
  | 'challenge'
  | 'tenure'
  | 'board-approval'
  | 'background-check'
  | 'recommendation'
  | 'peer-vote'
  | 'condition';
/** Who completes a step: the candidate from an emailed link, the team leader, or the ladder itself (timers, votes, verdicts). */
export type StepActor = 'candidate' | 'sponsor' | 'peer' | 'team-leader' | 'board' | 'arbitrator' | 'system';

/**
 * A step's title as a text of the catalogue (platform/i18n: step.title.<key>)
 * with its values, so each reader sees it in their language; steps whose
 * title the ladder file gives (checks, conditions) have none.
 */
export interface StepLabel {
  key: string;
  params: Record<string, string | number>;
}

export interface StepDefinition {
  id: string;
  kind: StepKind;
  title: string;
  label?: StepLabel;
  completedBy: StepActor;
  gate: Gate;
  document?: AgreementDocument & { id: string };
}

export function isGroup(req: Requirement): req is Exclude<Requirement, Gate> {
  return 'all' in req || 'any' in req || 'of' in req;
}

/** The children of a group and how many of them must be met. */
export function groupParts(req: Exclude<Requirement, Gate>): { children: Requirement[]; needed: number } {
  if ('all' in req) return { children: req.all, needed: req.all.length };
  if ('any' in req) return { children: req.any, needed: 1 };
  return { children: req.of, needed: req.atLeast };
}

export function gates(req: Requirement): Gate[] {
  return isGroup(req) ? groupParts(req).children.flatMap(gates) : [req];
}

export function stepFor(ladder: Ladder, gate: Gate): StepDefinition {
  if ('agreement' in gate) {
    const document = ladder.documents[gate.agreement];
    if (!document) throw new Error(`unknown document ${gate.agreement}`);
    return {
      id: `agreement:${gate.agreement}`,
      kind: 'agreement',
      title: `Sign the ${document.title} (${gate.agreement})`,
      label: { key: 'agreement', params: { title: document.title, id: gate.agreement } },
      completedBy: 'candidate',
      gate,
      document: { id: gate.agreement, ...document },
    };
  }
  if ('check' in gate)
    return { id: `check:${gate.check}`, kind: 'check', title: gate.title, completedBy: 'team-leader', gate };
  if ('challenge' in gate) {
    const challenge = ladder.challenges[gate.challenge];
    if (!challenge) throw new Error(`unknown challenge ${gate.challenge}`);
    // A quiz is taken by the candidate; the team leader may still record a result taken elsewhere.
    return {
      id: `challenge:${gate.challenge}`,
      kind: 'challenge',
      title: `Pass the ${gate.challenge} challenge (${challenge.title})`,
      label: { key: 'challenge', params: { id: gate.challenge, title: challenge.title } },
      completedBy: challenge.quiz ? 'candidate' : 'team-leader',
      gate,
    };
  }
  if ('condition' in gate)
    return {
      id: `condition:${gate.condition.id}`,
      kind: 'condition',
      title: gate.condition.title,
      completedBy: 'system',
      gate,
    };
  if ('peerVote' in gate) {
    const name = (id: string | undefined) => ladder.levels.find((l) => l.id === id)?.name ?? id;
    const { peers, owner } = gate.peerVote;
    const majority = `a majority of the members at ${name(peers)} or above`;
    const who = owner ? `a member at ${name(owner)} or above, or ${majority}` : majority;
    return {
      id: 'peer-vote',
      kind: 'peer-vote',
      title: `Approved by ${who}`,
      label: owner
        ? { key: 'peerVoteOwner', params: { owner: name(owner)!, peers: name(peers)! } }
        : { key: 'peerVote', params: { peers: name(peers)! } },
      completedBy: 'peer',
      gate,
    };
  }
  if ('tenure' in gate)
    return {
      id: 'tenure',
      kind: 'tenure',
      title: `Serve at least ${gate.tenure} at the current level`,
      label: { key: 'tenure', params: { tenure: gate.tenure } },
      completedBy: 'system',
      gate,
    };
  if ('recommendation' in gate) {
    const { sponsors, atLevel } = gate.recommendation;
    const level = ladder.levels.find((l) => l.id === atLevel)?.name ?? atLevel;
    return {
      id: 'recommendation',
      kind: 'recommendation',
      title: `Recommended by ${sponsors} member${sponsors === 1 ? '' : 's'} at ${level} or above`,
      label: { key: 'recommendation', params: { count: sponsors, level } },
      completedBy: 'sponsor',
      gate,
    };
  }
  if ('boardApproval' in gate)
    return {
      id: 'board-approval',
      kind: 'board-approval',
      title: 'Board approves the appointment',
      label: { key: 'boardApproval', params: {} },
      completedBy: 'board',
      gate,
    };
  return {
    id: 'background-check',
    kind: 'background-check',
    title: 'Arbitrated Background Check: a positive verdict',
    label: { key: 'backgroundCheck', params: {} },
    completedBy: 'arbitrator',
    gate,
  };
}

/** The steps a contributor completes to enter `level` (returning to it: by its `return:` path), with stable ids. */
export function stepsToEnter(ladder: Ladder, level: Level, returning = false): StepDefinition[] {
  return gates(requirementOf(level, returning)).map((gate) => stepFor(ladder, gate));
}

/** What entering `level` requires: for a returning emeritus, its `return:` path where the ladder gives one. */
export function requirementOf(level: Level, returning = false): Requirement {
  return returning && level.return ? level.return : level.requires;
}

/** A level's name as the ladder file gives it; undefined for no level or one the ladder lacks. */
export function levelName(ladder: Ladder, levelId: string | null | undefined): string | undefined {
  return ladder.levels.find((l) => l.id === levelId)?.name;
}

export function levelIndex(ladder: Ladder, levelId: string | null): number {
  return levelId === null ? -1 : ladder.levels.findIndex((l) => l.id === levelId);
}

/**
 * What exactly was signed: the version, and the text's hash when the ladder
 * gives one. Compared with a later edition to decide on re-signing.
 */
export function editionOf(document: AgreementDocument): string {
  return document.sha256 ? `${document.version} sha256:${document.sha256}` : document.version;
}

/** Levels from `levelId` up: the members who count as "at or above" it. */
export function levelsFrom(ladder: Ladder, levelId: string): string[] {
  return ladder.levels.slice(levelIndex(ladder, levelId)).map((l) => l.id);
}

/** Keeping trust current once it is given: conditions checked again, signs of life, periodic reviews. */
export interface Upkeep {
  /** How often the conditions of the levels held are checked again. */
  recheckEvery: string;
  /** Without a sign of life: an aliveness ping, a warning, then removal. Null: off. */
  inactivity: { pingAfter: string; warnAfter: string; removeAfter: string } | null;
  /** How often the team leader reviews each member's access. Null: never. */
  reviewEvery: string | null;
}
