import type { Pool } from 'pg';
import { permanentFailure } from './failures';
import { contactOf } from '../store/contributors';

/** The name and address mail to a contributor goes to, from the projection the workflow wrote. */
export async function contributorContact(pool: Pool, contributorId: string): Promise<{ name: string; email: string }> {
  const contact = await contactOf(pool, contributorId);
  if (!contact) throw permanentFailure('UnknownContributor', `contributor ${contributorId} has no record`);
  return contact;
}
