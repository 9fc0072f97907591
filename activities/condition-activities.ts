import type { Pool } from 'pg';
import type { ConditionGate } from '../domain/ladder';
import { contributorContact } from './contact';

export interface FactService {
  url: string;
  token?: string;
}

/** `holds: null` means nobody can say: no fact service is configured. */
export interface ConditionAnswer {
  holds: boolean | null;
  detail: string;
}

/**
 * Whether an external fact holds for a contributor now. Email domains are
 * checked against the address on record; other facts are asked of the fact
 * service. A service that is down makes the activity fail and Temporal retry
 * it, so an outage delays a decision instead of deciding it.
 */
export function createConditionActivities({ pool, factService }: { pool: Pool; factService?: FactService }) {
  return {
    async checkCondition(input: {
      contributorId: string;
      condition: ConditionGate['condition'];
    }): Promise<ConditionAnswer> {
      const { email } = await contributorContact(pool, input.contributorId);
      const { emailDomain, fact } = input.condition;
      if (emailDomain) {
        const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
        const holds = emailDomain.includes(domain);
        return {
          holds,
          detail: holds ? `address at ${domain}` : `address at ${domain}, not ${emailDomain.join(' or ')}`,
        };
      }
      if (!factService) return { holds: null, detail: `no fact service is configured to answer "${fact}"` };
      const url = new URL(`${factService.url}/facts/${encodeURIComponent(fact!)}`);
      url.searchParams.set('contributor', input.contributorId);
      url.searchParams.set('email', email);
      const response = await fetch(url, {
        headers: {
          accept: 'application/json',
          ...(factService.token && { authorization: `Bearer ${factService.token}` }),
        },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`the fact service answered ${response.status} for "${fact}"`);
      const body = (await response.json()) as { holds?: unknown };
      if (typeof body.holds !== 'boolean') throw new Error(`the fact service gave no "holds" for "${fact}"`);
      return { holds: body.holds, detail: `${fact}: ${body.holds ? 'holds' : 'does not hold'}` };
    },
  };
}
