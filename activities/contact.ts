import type { Pool } from 'pg';
import { permanentFailure } from './failures';
import { contactOf, type Contact } from '../store/contributors';
import { FailureType } from '../domain/failure-types';

/** The name and address mail to a contributor goes to, from the projection the workflow wrote. */
export async function contributorContact(pool: Pool, contributorId: string): Promise<Contact> {
  const contact = await contactOf(pool, contributorId);
  if (!contact) throw permanentFailure(FailureType.UnknownContributor, `contributor ${contributorId} has no record`);
  return contact;
}
