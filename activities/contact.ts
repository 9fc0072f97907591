import type { Pool } from 'pg';
import { permanentFailure } from './failures';
import { contactOf } from '../store/contributors';
import { FailureType } from '../domain/failure-types';

/** The name and address mail to a contributor goes to, from the projection the workflow wrote. */
export async function contributorContact(pool: Pool, contributorId: string): Promise<{ name: string; email: string }> {
  const contact = await contactOf(pool, contributorId);
  if (!contact) throw permanentFailure(FailureType.UnknownContributor, `contributor ${contributorId} has no record`);
  return contact;
}
