/**
 * Every message the workflows accept, defined once: the API imports these
 * definitions, so the two sides cannot disagree on a name or a shape.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Grant } from '../domain/access';
import type { AgreementDocument, Ladder, StepActor, StepKind, StepLabel } from '../domain/ladder';
import type { MotionState, Vote } from '../domain/motion';
import type { PeerChoice, PeerVoteState } from '../domain/peer-vote';
import type { QuizForm } from '../domain/quiz';
import type { StepOutcome } from '../domain/requirements';

export type ContributorState = 'onboarding' | 'active' | 'promoting' | 'left';
export type LeftAs = 'emeritus' | 'revoked' | 'inactive';
export type PromotionOutcome = 'passed' | 'failed' | 'timed-out' | 'withdrawn';

export interface StepStatus {
  id: string;
  kind: StepKind;
  title: string;
  /** The title as a text of the catalogue, for readers in other languages. */
  label?: StepLabel;
  completedBy: StepActor;
  status: StepOutcome;
  completedAt?: string;
  /** Who completed it: "candidate", a key id, or "system". */
  completedByActor?: string;
  /** Failed attempts so far (challenges). */
  failedAttempts?: number;
}

export interface PromotionStatus {
  workflowId: string;
  target: string;
  state: 'open' | PromotionOutcome;
  startedAt: string;
  decidedAt?: string;
  steps: StepStatus[];
  motion?: { id: string; state: MotionState; tally: Record<Vote, number>; quorum: number };
  dispute?: { id: string; state: 'open' | 'positive' | 'negative' | 'timed-out' };
  peerVote?: { state: PeerVoteState; electorate: number; tally: Record<PeerChoice, number> };
  /** What sponsors and peers wrote with their vouch or vote, for the team leader and the board. */
  statements?: Statement[];
  /** The attempt takes a returning emeritus back to the level they held, by the level's `return:` path. */
  returning?: boolean;
  /** When open steps end the attempt: the ladder's deadline from the start. */
  deadlineAt?: string;
}

/** A sponsor's or a peer's own words on a candidate. */
export interface Statement {
  by: 'sponsor' | 'peer';
  /** The contributor who wrote it. */
  id: string;
  /** A peer's choice; a sponsor vouches. */
  vote?: PeerChoice;
  text: string;
  at: string;
}

/** What carries over from one promotion to the next: agreements signed (by version) and challenges passed. */
export interface Credentials {
  agreements: Record<string, string>;
  challenges: string[];
}

export interface PromotionResult {
  outcome: PromotionOutcome;
  credentials: Credentials;
  /** The steps as the attempt ended, so a finished promotion is read without replaying it (absent from older runs). */
  steps?: StepStatus[];
  statements?: Statement[];
}

export interface ContributorStatus {
  contributorId: string;
  ladderId: string;
  name: string;
  state: ContributorState;
  /** The level held now; null until the entry level's steps are all done. */
  level: string | null;
  levelSince: string | null;
  /** The promotion under way, or the last one. */
  promotion: {
    workflowId: string;
    target: string;
    state: 'open' | PromotionOutcome;
    steps?: StepStatus[];
    statements?: Statement[];
  } | null;
  history: { level: string; enteredAt: string }[];
  credentials: Credentials;
  /** Why the contributor left: stepped down (and may return), revoked, or removed for inactivity. */
  leftAs?: LeftAs;
  /** The level held before stepping down: the level a return leads back to. */
  formerLevel?: string;
  /** The last sign of life: a promotion step, the aliveness link, activity reported through the API. */
  lastActiveAt?: string;
  /** Sent since the last sign of life. */
  inactivity?: { pingedAt?: string; warnedAt?: string };
  lastReviewedAt?: string;
  /** The levelSince of the level whose follow-up was sent. */
  followedUp?: string;
  /** A periodic review (or a sponsor's revocation) asks the team leader to look at this member's access. */
  review?: { dueSince: string; reason: string };
  /** Who the contributor is on each system, where it is not their email address. */
  identities?: Record<string, string>;
  /** The access their level carries, and where each grant stands (see contributor/access.ts). */
  access?: AccessEntry[];
  /** Rounds of granting and revoking so far: keys their audit rows. */
  accessRounds?: number;
}

export interface AccessEntry extends Grant {
  state: 'granted' | 'waiting-identity' | 'failed';
  detail?: string;
  since: string;
}

export interface SetIdentitiesInput {
  identities: Record<string, string>;
  by: string;
}

export interface CompleteStepInput {
  stepId: string;
  actor: { type: StepActor; id: string };
  /** A challenge's result, recorded by the team leader or an external quiz system; other steps are simply done. */
  result?: 'passed' | 'failed';
  /** A built-in quiz's answers, as indexes into each question's choices: graded by the workflow. */
  answers?: Record<string, number>;
  /** A peer's choice in a peer vote. */
  vote?: PeerChoice;
  /** The emailed link used, when the candidate completed the step from one. */
  linkId?: string;
  note?: string;
  /** An agreement signed from its page: what was shown, and the exact words agreed to. */
  consent?: Consent;
  /** A sponsor's or peer's written statement (required to disagree or block). */
  statement?: string;
}

export interface Consent {
  document: string;
  version: string;
  sha256?: string;
  /** The sentence the person ticked, in the language they read it. */
  statement: string;
}

/** A statement's longest length, in characters. */
export const STATEMENT_MAX = 2000;

export interface CompleteStepResult {
  stepId: string;
  status: StepOutcome;
  promotion: 'open' | PromotionOutcome;
  /** The promotion's status with the step's consequences applied, so the caller need not read it again (absent for the contributor's own steps, and from older workers). */
  view?: PromotionStatus;
}

/** What the page of an emailed link shows for a step: a confirmation, a quiz or a ballot. */
export interface StepPage {
  title: string;
  label?: StepLabel;
  open: boolean;
  /** The ladder and the level the step is for, to say so on the page. */
  ladderName?: string;
  levelName?: string;
  form:
    | { kind: 'confirm' }
    | { kind: 'agreement'; document: AgreementDocument & { id: string } }
    | { kind: 'quiz'; quiz: QuizForm }
    | { kind: 'vote'; choices: PeerChoice[] }
    | { kind: 'vouch' }
    | { kind: 'alive' }
    | { kind: 'step-down' };
}

export interface NominateSponsorInput {
  sponsorId: string;
  /** The team leader's key. */
  by: string;
}

export interface VoteInput {
  voter: { keyId: string; contributorId?: string };
  vote: Vote;
  note?: string;
}

export interface VerdictInput {
  arbitrator: string;
  verdict: 'positive' | 'negative';
  note?: string;
}

/**
 * Leaving the ladder, or part of it: withdraw the promotion under way, demote
 * one level, step down (voluntary), or revoke for broken trust (everything at once).
 */
export type LeaveKind = 'withdraw' | 'demote' | 'step-down' | 'revoke';

/** What the team leader decides when reviewing a member's access. */
export interface ReviewInput {
  decision: 'keep' | 'demote' | 'revoke';
  by: string;
  reason: string;
}

/** A sign of life reported by another system (a login) or the team leader. */
export interface SignOfLifeInput {
  by: string;
  source: string;
}

/** A system the person works in saw them at work: read daily, and before a ping (activities/activity-read.ts). */
export interface ActivitySeenInput {
  at: string;
  /** The system that saw them: wiki, irc, otrs. */
  source: string;
}

export interface LeaveInput {
  kind: LeaveKind;
  by: string;
  reason: string;
}

export interface ProposePromotionInput {
  proposedBy: string;
  note?: string;
  /** The ladder as its file reads now: new document versions and gates apply from this promotion on. */
  ladder?: Ladder;
  /** The caller saw the promotion under way already decided: wait for it to arrive as long as a busy server may take. */
  lastDecided?: boolean;
}

export const statusQuery = defineQuery<ContributorStatus>('status');
/** Answers once the contributor's first promotion (the entry onboarding) is running, so its steps can be acted on. */
export const onboardingStartedUpdate = defineUpdate<ContributorStatus, []>('onboardingStarted');
export const leaveUpdate = defineUpdate<ContributorStatus, [LeaveInput]>('leave');
export const reviewUpdate = defineUpdate<ContributorStatus, [ReviewInput]>('review');
export const signOfLifeUpdate = defineUpdate<ContributorStatus, [SignOfLifeInput]>('signOfLife');
export const activitySeenSignal = defineSignal<[ActivitySeenInput]>('activitySeen');
/** From the workflow of a sponsor whose trust was revoked: review the people they answered for. */
export const setIdentitiesUpdate = defineUpdate<Record<string, string>, [SetIdentitiesInput]>('setIdentities');
export const flagForReviewSignal = defineSignal<[{ sponsorId: string; reason: string }]>('flagForReview');
export const proposePromotionUpdate = defineUpdate<{ workflowId: string; target: string }, [ProposePromotionInput]>(
  'proposePromotion',
);

export const promotionStatusQuery = defineQuery<PromotionStatus>('promotionStatus');
export const stepPageQuery = defineQuery<StepPage | null, [string]>('stepPage');
export const completeStepUpdate = defineUpdate<CompleteStepResult, [CompleteStepInput]>('completeStep');
export const nominateSponsorUpdate = defineUpdate<{ sponsorId: string; name: string }, [NominateSponsorInput]>(
  'nominateSponsor',
);
export const voteUpdate = defineUpdate<PromotionStatus['motion'], [VoteInput]>('vote');
export const verdictUpdate = defineUpdate<PromotionStatus['dispute'], [VerdictInput]>('verdict');
