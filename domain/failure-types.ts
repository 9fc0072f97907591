/**
 * The closed set of failure types trustladder raises, as ApplicationFailure
 * types: workflows, activities and the API name them from here, never by a
 * literal of their own. Each is permanent: retrying will not help.
 */
export const FailureType = {
  /** An update refused by its validator; the API answers 409 with its message. */
  StepRefused: 'StepRefused',
  /** A grant's identity has no account on the system: the team leader must name the right one. */
  MissingAccount: 'MissingAccount',
  /** The system or the ladder is set up wrongly (unknown list, no permission): a person must fix it. */
  Misconfigured: 'Misconfigured',
  /** The emailed link a step was done through was used up already (by another click that got there first). */
  LinkUsed: 'LinkUsed',
  /** An activity was asked about a contributor who has no record. */
  UnknownContributor: 'UnknownContributor',
} as const;

export type FailureType = (typeof FailureType)[keyof typeof FailureType];
