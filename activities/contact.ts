import type { Pool } from 'pg';
import { permanentFailure } from './failures';
import { prepared } from '../store/prepared';

const selectContact = prepared<[string]>('SELECT name, email FROM contributors WHERE id = $1');

/** The name and address mail to a contributor goes to, from the projection the workflow wrote. */
export async function contributorContact(pool: Pool, contributorId: string): Promise<{ name: string; email: string }> {
  const { rows } = await pool.query<{ name: string; email: string }>(selectContact(contributorId));
  if (!rows[0]) throw permanentFailure('UnknownContributor', `contributor ${contributorId} has no record`);
  return rows[0];
}
