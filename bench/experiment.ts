import { apiClient } from './api-client';
import { startBenchSystem } from './bench-system';
import { Latencies, withConcurrency } from './latency';
import { walkToTriage, type Walked } from './onboarding';
import { createLogger } from '../infra/logger';
import { statusQuery } from '../workflows/messages';
import { workflowIdFor } from '../domain/contributor-id';

async function main() {
  const system = await startBenchSystem(createLogger('warn'));
  try {
    const lat = new Latencies();
    const api = apiClient(system.api, lat);
    const leader = await system.key('team-leader', { ladderId: 'cacert-support' });
    const walked: Walked[] = [];
    await withConcurrency([...Array(20).keys()], 20, async (i) => { walked.push(await walkToTriage(api, system.mail, leader, `x-${i}`)); });
    for (const c of [1, 100]) {
      const l = new Latencies(); const a = apiClient(system.api, l);
      const t = performance.now();
      await withConcurrency([...Array(500).keys()], c, async (i) => { await a.get('s', `/v1/contributors/${walked[i % 20]!.id}`, leader); });
      console.log('api c', c, l.summary('s'), (500 / ((performance.now() - t) / 1000)).toFixed(0), '/s');
      const q = new Latencies();
      const t2 = performance.now();
      await withConcurrency([...Array(500).keys()], c, async (i) => { await q.time('q', () => system.temporal.workflow.getHandle(workflowIdFor(walked[i % 20]!.id)).query(statusQuery)); });
      console.log('query c', c, q.summary('q'), (500 / ((performance.now() - t2) / 1000)).toFixed(0), '/s');
      const h = new Latencies();
      await withConcurrency([...Array(500).keys()], c, async () => { await h.time('h', () => fetch(system.api + '/healthz')); });
      console.log('healthz c', c, h.summary('h'));
    }
  } catch (e) { console.log(system.apiProcess.output().split('\n').filter(l => l.includes('"level":50')).slice(-3).join('\n')); throw e; } finally { await system.stop(); }
}
main().catch((e) => { console.error(e); process.exit(1); });
