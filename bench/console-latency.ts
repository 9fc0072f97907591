import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { addStaff } from '../platform/staff-accounts';
import { csrfTokenIn, sessionCookieIn } from '../tools/testkit/console-form';
import { signInLinkIn } from '../tools/testkit/smtp-capture';
import type { BenchSystem } from './bench-system';
import type { LatencySummary } from './api-latency';
import { Latencies } from './latency';

export const CONSOLE_TARGETS = { pipelineP95Ms: 150, contributorP95Ms: 100 };

export interface ConsoleFigures {
  contributors: number;
  pipelineMs: LatencySummary;
  contributorMs: LatencySummary;
}

const LADDER = 'cacert-support';

/**
 * Puts `count` contributors on the ladder as their workflows would have
 * written them: rows in `contributors` and `workflow_views`, a third with a
 * promotion under way and its steps. The console reads only these, so the
 * figures are those of a ladder this size without walking each person up it.
 */
async function seedLadder(pool: Pool, count: number, run: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH s AS (
       SELECT i, substr(md5($2 || i), 1, 24) AS id,
              (ARRAY['assurer', 'triage', 'se'])[1 + i % 3] AS level,
              now() - (i % 700) * interval '1 day' AS since
         FROM generate_series(1, $1::int) i),
     c AS (
       INSERT INTO contributors (id, ladder_id, workflow_id, name, email, level, created_at)
       SELECT id, '${LADDER}', 'contributor-' || id, 'Seeded Person ' || i, 'seeded-' || $2 || '-' || i || '@bench.example',
              level, since FROM s RETURNING id),
     v AS (
       INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view)
       SELECT 'contributor-' || id, id, now(), 1, jsonb_build_object(
                'contributorId', id, 'ladderId', '${LADDER}', 'name', 'Seeded Person ' || i,
                'state', CASE WHEN i % 3 = 0 THEN 'promoting' ELSE 'active' END,
                'level', level, 'levelSince', since,
                'promotion', CASE WHEN i % 3 = 0 THEN jsonb_build_object(
                  'workflowId', 'contributor-' || id || '.promotion-1-cm', 'target', 'cm', 'state', 'open') END,
                'history', jsonb_build_array(jsonb_build_object('level', level, 'enteredAt', since)),
                'credentials', jsonb_build_object('agreements', '{}'::jsonb, 'challenges', '[]'::jsonb))
         FROM s RETURNING 1),
     p AS (
       INSERT INTO workflow_views (workflow_id, contributor_id, revised_at, revision, view)
       SELECT 'contributor-' || id || '.promotion-1-cm', id, now(), 1, jsonb_build_object(
                'workflowId', 'contributor-' || id || '.promotion-1-cm', 'target', 'cm', 'state', 'open',
                'startedAt', since + interval '30 days',
                'steps', (SELECT jsonb_agg(jsonb_build_object(
                            'id', 'check:step-' || k, 'kind', 'check', 'title', 'Step ' || k,
                            'completedBy', 'team-leader',
                            'status', CASE WHEN k <= i % 6 THEN 'done' ELSE 'open' END,
                            'completedAt', CASE WHEN k <= i % 6 THEN since + (30 + k) * interval '1 day' END))
                          FROM generate_series(1, 6) k))
         FROM s WHERE i % 3 = 0 RETURNING 1)
     SELECT id FROM c`,
    [count, run],
  );
  return rows.map((r) => r.id);
}

/** Signs a team leader in as a person does: the sign-in form, the mailed link, its page's button. */
async function signIn(system: BenchSystem, email: string): Promise<string> {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (url: string, cookie: string, fields: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: new URL(system.api).origin },
      body: form(fields),
    });
  system.mail.watch(email);
  const page = await fetch(`${system.api}/console/sign-in`);
  // The session before sign-in: its id stays the same until the sign-in replaces it.
  const anonymous = sessionCookieIn(page.headers.getSetCookie());
  await post(`${system.api}/console/sign-in`, anonymous, { email, _csrf: csrfTokenIn(await page.text()) });
  const link = signInLinkIn(await system.mail.waitFor(email, 'sign-in link'))!;
  const confirm = await fetch(link, { headers: { cookie: anonymous } });
  const signedIn = await post(link, anonymous, { _csrf: csrfTokenIn(await confirm.text()) });
  if (signedIn.status !== 303) throw new Error(`console sign-in answered ${signedIn.status}`);
  return sessionCookieIn(signedIn.headers.getSetCookie());
}

/**
 * The console's two busiest pages at a ladder of `count` contributors: the
 * pipeline (pages, and searches by name) and a contributor's page, each
 * asked `requests` times by a signed-in team leader, one at a time.
 */
export async function consoleLatency(system: BenchSystem, count: number, requests: number): Promise<ConsoleFigures> {
  const run = randomBytes(3).toString('hex');
  const ids = await seedLadder(system.pool, count, run);
  // As autovacuum would soon after such a load: the planner knows the tables' sizes.
  await system.pool.query('ANALYZE contributors, workflow_views, pipeline_entries');
  const email = `console-${run}@bench.example`;
  await addStaff(system.pool, { email, role: 'team-leader', ladderId: LADDER });
  const cookie = await signIn(system, email);
  const latencies = new Latencies();
  const pages = Math.ceil(count / 50);
  const get = async (kind: string, url: string) => {
    const res = await latencies.time(kind, async () => {
      const answer = await fetch(`${system.api}${url}`, { headers: { cookie } });
      await answer.arrayBuffer();
      return answer;
    });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  };
  for (let i = 0; i < requests; i++) {
    const url =
      i % 4 === 3
        ? `/console/ladders/${LADDER}?q=${encodeURIComponent(`Person ${(i * 37) % count}`)}`
        : `/console/ladders/${LADDER}?page=${1 + ((i * 7919) % pages)}`;
    await get('pipeline', url);
    await get('contributor', `/console/contributors/${ids[(i * 104_729) % ids.length]!}`);
  }
  return {
    contributors: count,
    pipelineMs: latencies.summary('pipeline'),
    contributorMs: latencies.summary('contributor'),
  };
}
