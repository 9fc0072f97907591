import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { workflowIdFor } from '../../domain/contributor-id';
import type { Ladder } from '../../domain/ladder';
import type { Caller } from '../../platform/api-keys';
import { contributorIdFor } from '../../platform/contributor-ids';
import type { Language } from '../../platform/i18n';
import { viewOf } from '../../store/views';
import { contributorWorkflow, type ContributorInput } from '../../workflows/contributor-workflow';
import { onboardingStartedUpdate, type ContributorStatus } from '../../workflows/messages';
import { LADDER_ATTRIBUTE, LEVEL_ATTRIBUTE, STATE_ATTRIBUTE } from '../../workflows/search-attributes';
import { conflict } from '../problem';
import type { UseCaseDeps } from './deps';

export interface Newcomer {
  name: string;
  email: string;
  /** The ladder, as the caller found it by the id it was given. */
  ladder: Ladder;
  language?: Language;
}

export interface Onboarded {
  id: string;
  workflowId: string;
  ladder: string;
  /** False when this contributor was already on the ladder. */
  created: boolean;
  /** An emeritus returning by their former level's `return:` path. */
  returning: boolean;
}

/**
 * What an emeritus brings back when onboarded again: the last run's history, credentials and former level. Only
 * someone who stepped down: a revoked person, or one removed as inactive, starts from the beginning.
 */
function emeritusReturning(last: ContributorStatus | undefined): ContributorInput['returning'] {
  if (last?.state !== 'left' || last.leftAs !== 'emeritus') return undefined;
  return { history: last.history, credentials: last.credentials, formerLevel: last.formerLevel };
}

/**
 * A team leader starts a contributor on a ladder, from the API or the console; asking again for the same ladder
 * and email answers the same contributor. Answers once the onboarding's steps exist, so the next call can act on
 * them.
 */
export async function onboard(
  { pool, temporal, taskQueue }: UseCaseDeps,
  caller: Caller,
  { name, email, ladder: definition, language }: Newcomer,
): Promise<Onboarded> {
  const ladder = definition.id;
  const id = contributorIdFor(ladder, email);
  const workflowId = workflowIdFor(id);
  // How their last time on the ladder ended, if they had one.
  const last = await viewOf<ContributorStatus>(pool, workflowId);
  const returning = emeritusReturning(last);
  let created = true;
  try {
    await temporal.workflow.start(contributorWorkflow, {
      taskQueue,
      workflowId,
      args: [
        {
          contributorId: id,
          ladder: definition,
          name: name.trim(),
          email: email.trim(),
          ...(language ? { language } : {}),
          startedBy: caller.id,
          ...(returning ? { returning } : {}),
        },
      ],
      typedSearchAttributes: [
        { key: LADDER_ATTRIBUTE, value: ladder },
        { key: LEVEL_ATTRIBUTE, value: 'none' },
        { key: STATE_ATTRIBUTE, value: 'onboarding' },
      ],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // Someone who has just left is still on their way out (their access being removed): onboard them after.
    if (last?.state === 'left')
      throw conflict(
        'this contributor has just left the ladder and their access is still being removed; try again in a minute',
      );
    created = false;
  }
  await temporal.workflow.getHandle(workflowId).executeUpdate(onboardingStartedUpdate);
  return { id, workflowId, ladder, created, returning: created && returning !== undefined };
}
