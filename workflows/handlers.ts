import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import { refuse } from './refusal';

/**
 * An update's handler and its validator, as the module that owns the
 * behaviour offers them; the workflow registers every one of its messages
 * in one block (see registerUpdate).
 */
export interface UpdateHandling<Ret, Args extends unknown[]> {
  handle: (...args: Args) => Ret | Promise<Ret>;
  /** Refuses (see refusal.ts) before the update is accepted: a refused update leaves no trace in the history. */
  validate?: (...args: Args) => void;
}

export function registerUpdate<Ret, Args extends unknown[]>(
  definition: UpdateDefinition<Ret, Args>,
  handling: UpdateHandling<Ret, Args>,
): void {
  setHandler<Ret, Args, UpdateDefinition<Ret, Args>>(
    definition,
    handling.handle,
    handling.validate ? { validator: handling.validate } : undefined,
  );
}

/**
 * For an update this run has no step to take (a sponsor named where the
 * level asks for no recommendation, say): every call is refused, with why.
 */
export function notTaken(why: string): UpdateHandling<never, unknown[]> {
  return {
    handle: () => refuse(why),
    validate: () => refuse(why),
  };
}
