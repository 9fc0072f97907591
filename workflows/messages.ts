/**
 * Every message a contributor's workflow accepts, defined once: the API
 * imports these definitions, so the two sides cannot disagree on a name.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { StepActor, StepKind } from '../domain/ladder';

export type ContributorState = 'onboarding' | 'active';

export interface StepStatus {
  id: string;
  kind: StepKind;
  title: string;
  completedBy: StepActor;
  status: 'open' | 'done';
  completedAt?: string;
  /** Who completed it: "candidate", or the team leader's key id. */
  completedByActor?: string;
}

export interface ContributorStatus {
  contributorId: string;
  ladderId: string;
  name: string;
  state: ContributorState;
  /** The level held now; null until the entry level's steps are all done. */
  level: string | null;
  /** The level the open steps lead to, if any. */
  workingToward: string | null;
  steps: StepStatus[];
}

export interface CompleteStepInput {
  stepId: string;
  actor: { type: StepActor; id: string };
  /** The emailed link used, when the candidate completed the step from one. */
  linkId?: string;
  note?: string;
}

export interface CompleteStepResult {
  stepId: string;
  completedAt: string;
  level: string | null;
}

/** The failure type of a refused update; the API answers 409 with its message. */
export const STEP_REFUSED = 'StepRefused';

export const statusQuery = defineQuery<ContributorStatus>('status');
export const completeStepUpdate = defineUpdate<CompleteStepResult, [CompleteStepInput]>('completeStep');
