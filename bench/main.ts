/**
 * `npm run bench`: trustladder against the bare Temporal engine underneath
 * it, on this machine. Not part of the tests: it prints a table of figures
 * and writes them as JSON. See bench/README.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { workflowIdFor } from '../domain/contributor-id';
import { loadLadderFile } from '../platform/ladder-file';
import { createLogger } from '../platform/logger';
import { PROJECT_ROOT } from '../tools/dev/python-tools';
import { statusQuery } from '../workflows/messages';
import { runCommand, UsageError } from '../cli/command-line';
import { apiClient } from './api-client';
import { measureBothWays } from './api-latency';
import { startBenchSystem } from './bench-system';
import { accessGranted, decisionToAccess, grantsOnAppointment, grantsOnTriage } from './decisions';
import { consoleLatency } from './console-latency';
import { importThroughput } from './import';
import { pacedFloorUpdates, runFloor } from './floor';
import { historyFigures, workPerUpdate } from './histories';
import { Latencies, round, withConcurrency } from './latency';
import { linksIn } from '../tools/testkit/smtp-capture';
import { walkToTriage, type Walked } from './onboarding';
import { profileReport, summariseProfiles } from './cpu-profile-summary';
import { cpuPerUnit, cpuSnapshot } from './process-cpu';
import { processMemory } from './process-memory';
import { engineCpu, reportTable, TARGETS, targetsMet } from './report';

const USAGE = `usage: npm run bench -- [--contributors 1000] [--concurrency 100] [--decisions 50] [--decisions-at-once 10] [--decisions-alone 10] [--status-reads 20000] [--links 2000] [--read-rate 500] [--link-rate 20] [--open 10000] [--console-contributors 10000] [--console-requests 300] [--import-rows 5000] [--out bench/results.json] [--profile DIR]`;

function count(values: Record<string, string | boolean | undefined>, name: string): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a whole number above 0`);
  return value;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      contributors: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '100' },
      decisions: { type: 'string', default: '50' },
      'decisions-at-once': { type: 'string', default: '10' },
      'decisions-alone': { type: 'string', default: '10' },
      'status-reads': { type: 'string', default: '20000' },
      'console-contributors': { type: 'string', default: '10000' },
      'console-requests': { type: 'string', default: '300' },
      'import-rows': { type: 'string', default: '5000' },
      links: { type: 'string', default: '2000' },
      'read-rate': { type: 'string', default: '500' },
      'link-rate': { type: 'string', default: '20' },
      open: { type: 'string', default: '10000' },
      out: { type: 'string', default: path.join(PROJECT_ROOT, 'bench', 'results.json') },
      // CPU profiles of the worker, the floor's worker and the API, a file per thread (Chrome DevTools opens them).
      profile: { type: 'string' },
    },
  });
  const n = count(values, 'contributors');
  const concurrency = count(values, 'concurrency');
  if (n < 2) throw new UsageError('--contributors must be at least 2: some are decided together, some alone');
  // Each contributor is appointed once: the decisions alone come first from what there is, then the ones together.
  const decisionsAlone = Math.min(count(values, 'decisions-alone'), n - 1);
  const decisions = Math.min(count(values, 'decisions'), n - decisionsAlone);
  const decisionsAtOnce = count(values, 'decisions-at-once');
  const statusReads = count(values, 'status-reads');
  const links = count(values, 'links');
  const readRate = count(values, 'read-rate');
  const linkRate = count(values, 'link-rate');
  const open = count(values, 'open');
  const consoleContributors = count(values, 'console-contributors');
  const consoleRequests = count(values, 'console-requests');
  const importRowCount = count(values, 'import-rows');
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', 'bench');
  const say = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  /** Counts work done and says so at every tenth of the total: long phases show they move. */
  const progress = (total: number) => {
    let done = 0;
    return () => {
      done++;
      if (total >= 100 && done % Math.ceil(total / 10) === 0) say(`  ${done} of ${total}`);
    };
  };

  say('starting the Temporal dev server, PostgreSQL, SMTP, the worker and the API');
  const profileDir = values.profile && path.resolve(values.profile);
  const system = await startBenchSystem(log, { profileDir });
  try {
    const latencies = new Latencies();
    const api = apiClient(system.api, latencies);
    const runId = randomBytes(3).toString('hex');
    const leader = await system.key('team-leader', { ladderId: 'cacert-support' });

    const ladder = loadLadderFile(path.join(PROJECT_ROOT, 'ladders', 'cacert-support.yaml'));
    say(
      `onboarding ${n} contributors to Triage through the API, ${concurrency} at a time, until their Triage access is granted`,
    );
    const walked: Walked[] = [];
    const parts = {
      bench: process.pid,
      worker: system.worker.child.pid!,
      api: system.apiProcess.child.pid!,
      'floor worker': system.floorWorker.child.pid!,
    };
    const cpuBefore = cpuSnapshot(parts);
    const onboardingStarted = performance.now();
    const walking = progress(n);
    await withConcurrency(range(n), concurrency, async (i) => {
      walked.push(await walkToTriage(api, system.mail, leader, `bench-${runId}-${i}`));
      walking();
    });
    // Entering Triage is done once its access is granted; the floor then starts on a quiet system.
    await accessGranted(
      system.pool,
      walked.map((w) => w.id),
      grantsOnTriage(ladder),
    );
    const onboardingSeconds = (performance.now() - onboardingStarted) / 1000;
    const cpuOnboarded = cpuSnapshot(parts);

    say(`worker memory after onboarding: ${JSON.stringify(processMemory(system.worker.child.pid!))}`);
    say('reading histories');
    const sample = walked.slice(0, Math.min(20, n)).map((w) => w.id);
    const histories = await historyFigures(system.temporal, sample, 2);
    say(`history events per contributor by type: ${JSON.stringify(histories.byType)}`);
    const updates = walked[0]!.updates;

    say(
      `bare-engine floor: ${n} workflows, ${updates} updates, ${histories.activities} no-op activities and ${histories.localActivities} no-op local activities each`,
    );
    const floorLatencies = new Latencies();
    const cpuBeforeFloor = cpuSnapshot(parts);
    const floorSeconds = await runFloor(system.temporal, floorLatencies, {
      workflows: n,
      updates,
      activities: histories.activities,
      localActivities: histories.localActivities,
      concurrency,
      runId,
    });
    const cpuFloor = cpuPerUnit(cpuBeforeFloor, cpuSnapshot(parts), n);
    const cpuOnboarding = cpuPerUnit(cpuBefore, cpuOnboarded, n);

    say(
      `status reads: ${statusReads} with ${concurrency} in flight, then ${statusReads} over ${concurrency} connections at ${readRate} a second`,
    );
    const reads = await measureBothWays(
      system.api,
      'status read',
      { connections: concurrency, perSecond: readRate, closed: range(statusReads), open: range(statusReads) },
      (client, i) => client.get('status read', `/v1/contributors/${walked[i % walked.length]!.id}`, leader),
    );

    say(
      `link confirmations: ${links} candidates onboarded, then half their welcome links confirmed at ${concurrency} concurrent connections, half over ${concurrency} connections at ${linkRate} a second`,
    );
    const candidates = range(links).map((i) => `link-${runId}-${i}@bench.example.org`);
    for (const email of candidates) system.mail.watch(email);
    const onboarded = progress(links);
    const candidateIds: string[] = [];
    await withConcurrency(candidates, concurrency, async (email) => {
      candidateIds.push(
        (
          await api.post('onboarding', '/v1/contributors', leader, {
            name: email.split('@')[0],
            email,
            ladder: 'cacert-support',
          })
        ).body.id as string,
      );
      onboarded();
    });
    const welcomeLinks: string[] = [];
    for (const email of candidates) welcomeLinks.push(...linksIn(await system.mail.waitFor(email, 'Welcome')));
    const half = Math.ceil(welcomeLinks.length / 2);
    const confirmations = await measureBothWays(
      system.api,
      'link confirmation',
      {
        connections: concurrency,
        perSecond: linkRate,
        closed: welcomeLinks.slice(0, half),
        open: welcomeLinks.slice(half),
      },
      (client, link) => client.confirm(link),
    );
    const { promotion } = await system.temporal.workflow.getHandle(workflowIdFor(candidateIds[0]!)).query(statusQuery);
    const linkWork = await workPerUpdate(system.temporal, promotion!.workflowId);
    const pacedCount = welcomeLinks.length - half;
    say(
      `bare engine: ${pacedCount} single updates at ${linkRate} a second, each doing what a link confirmation's did (${linkWork.activities} activities, ${linkWork.localActivities} local activities)`,
    );
    const pacedBare = new Latencies();
    await pacedFloorUpdates(system.temporal, pacedBare, 'bare link update', {
      count: pacedCount,
      work: linkWork,
      connections: concurrency,
      perSecond: linkRate,
      runId,
    });

    const keys = {
      leader,
      arbitrator: await system.key('arbitrator'),
      board: await Promise.all(range(4).map(() => system.key('board'))),
    };
    const expectedGrants = grantsOnAppointment(ladder);
    const decisionLatencies = new Latencies();
    const decide = (who: readonly Walked[], atOnce: number, kind: string) =>
      withConcurrency(who, atOnce, async (w) => {
        decisionLatencies.add(kind, await decisionToAccess(api, system.pool, keys, w, expectedGrants));
      });
    say(
      `decision to access: ${decisions} Triage contributors appointed SE by the board, ${decisionsAtOnce} at a time, then ${decisionsAlone} one at a time`,
    );
    await decide(walked.slice(0, decisions), decisionsAtOnce, 'decision to access');
    await decide(walked.slice(decisions, decisions + decisionsAlone), 1, 'decision to access alone');

    const more = Math.max(0, open - n - links);
    say(`worker memory: ${more} more contributors onboarded, for ${open} open contributor workflows`);
    const mailBefore = system.mail.received();
    const opening = progress(more);
    await withConcurrency(range(more), concurrency, async (i) => {
      opening();
      await api.post('onboarding', '/v1/contributors', leader, {
        name: `open-${runId}-${i}`,
        email: `open-${runId}-${i}@bench.example.org`,
        ladder: 'cacert-support',
      });
    });
    // Every welcome mail sent means every new workflow has run on the worker, not merely been started.
    const deadline = Date.now() + 600_000;
    while (system.mail.received() - mailBefore < more) {
      if (Date.now() > deadline)
        throw new Error(`only ${system.mail.received() - mailBefore} of ${more} welcome mails arrived`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const worker = processMemory(system.worker.child.pid!);
    say(`console pages at a ladder of ${consoleContributors} contributors`);
    const consolePages = await consoleLatency(system, consoleContributors, consoleRequests);
    say(`importing a team of ${importRowCount}`);
    const imported = await importThroughput(system, importRowCount);

    const throughput = n / onboardingSeconds;
    const floorThroughput = n / floorSeconds;
    const { inFlight: link, atRate: pacedLink } = confirmations;
    const linkUnderLoad = latencies.summary('link confirmation');
    const bareUpdate = floorLatencies.summary('bare update');
    const { inFlight: status, atRate: pacedStatus } = reads;
    const decision = { atOnce: decisionsAtOnce, ...decisionLatencies.summary('decision to access') };
    const decisionAlone = decisionLatencies.summary('decision to access alone');
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      settings: {
        contributors: n,
        concurrency,
        decisions,
        decisionsAtOnce,
        decisionsAlone,
        statusReads,
        links,
        readRate,
        linkRate,
        openContributors: open,
      },
      onboarding: {
        seconds: round(onboardingSeconds),
        contributorsPerSecond: round(throughput, 2),
        updatesPerContributor: updates,
        cpuMsPerContributor: cpuOnboarding,
      },
      floor: {
        seconds: round(floorSeconds),
        workflowsPerSecond: round(floorThroughput, 2),
        activitiesPerWorkflow: histories.activities,
        localActivitiesPerWorkflow: histories.localActivities,
        updatesPerWorkflow: updates,
        cpuMsPerWorkflow: cpuFloor,
      },
      throughputRatio: round(throughput / floorThroughput, 2),
      engineCpu: engineCpu(cpuOnboarding, cpuFloor),
      decisionToAccessMs: decision,
      decisionToAccessAloneMs: decisionAlone,
      apiLatencyMs: {
        statusRead: status,
        linkConfirmation: link,
        statusReadAtRate: pacedStatus,
        linkConfirmationAtRate: pacedLink,
        linkConfirmationDuringOnboarding: linkUnderLoad,
      },
      bareUpdateMs: bareUpdate,
      bareLinkUpdateAtRateMs: { perSecond: linkRate, ...linkWork, ...pacedBare.summary('bare link update') },
      retriedAfter503: api.retries() + reads.retries + confirmations.retries,
      historyEvents: histories,
      workerMemoryMiB: worker,
      consoleMs: consolePages,
      import: imported,
      targets: TARGETS,
    };

    console.log(reportTable(results));
    mkdirSync(path.dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify({ ...results, targetsMet: targetsMet(results) }, null, 2)}\n`);
    say(`figures written to ${values.out}`);
    return 0;
  } catch (err) {
    // What the API and the worker logged as errors says more than the status code the benchmark saw.
    for (const [name, service] of [
      ['api', system.apiProcess],
      ['worker', system.worker],
    ] as const) {
      for (const line of service.errors()) console.error(`[${name}] ${line.slice(0, 2_000)}`);
    }
    throw err;
  } finally {
    // Each process writes its profiles as it exits.
    await system.stop();
    if (profileDir)
      console.log(
        `\nwhere each profiled thread spent its CPU (self time, ${profileDir}):\n${profileReport(summariseProfiles(profileDir, PROJECT_ROOT))}`,
      );
  }
}

runCommand(USAGE, () => main(process.argv.slice(2)));
