import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../../domain/failure-types';

/**
 * The one shape every system that holds access takes: the ticket system,
 * mailing lists, IRC services, the wiki, the built-in directory. Grant and
 * revoke are idempotent: holding already is success, as is not holding on a
 * revoke.
 */
export interface AccessSystem {
  /** How the system is reached, for messages: "built-in directory", "Mailman at https://...". */
  readonly describe: string;
  /** Whether `identity` holds `entitlement` there now. */
  holds(identity: string, entitlement: string): Promise<boolean>;
  grant(identity: string, entitlement: string): Promise<void>;
  revoke(identity: string, entitlement: string): Promise<void>;
  /** Everyone holding `entitlement` there, for reconciliation. */
  holders(entitlement: string): Promise<string[]>;
  /** Whether `identity` has an account there at all; absent where a grant makes the account (lists, the directory). */
  hasAccount?(identity: string): Promise<boolean>;
  /**
   * When `identity` was last seen working there (an edit, a login), or null when never; absent where the system
   * cannot tell. A sign of life read from the systems people work in (see activities/activity-read.ts).
   */
  lastActive?(identity: string): Promise<Date | null>;
}

export const missingAccount = (system: string, identity: string) =>
  ApplicationFailure.create({
    type: FailureType.MissingAccount,
    nonRetryable: true,
    message: `${system} has no account "${identity}": name the right one with PUT /v1/contributors/{id}/identities`,
  });

export const misconfigured = (system: string, message: string) =>
  ApplicationFailure.create({ type: FailureType.Misconfigured, nonRetryable: true, message: `${system}: ${message}` });
