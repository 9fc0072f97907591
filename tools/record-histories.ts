/**
 * `npm run histories:record`: runs a reference journey (Assurer, an
 * identity and a sign of life, Triage, then the SE attempt up to its tenure
 * timer) and an arrival by import (an SE since long ago: asked for a sign of
 * life at once, then seen at work in a system) on a fresh Temporal dev server
 * and writes their event histories to test/fixtures/histories. The
 * replay test runs those histories through the current workflow code, so a
 * change that would break contributors already mid-ladder fails the tests
 * (use `patched()` for such a change, then record again: new recordings are
 * written beside the old ones, which stay).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadLadderFile } from '../platform/ladder-file';
import { PROJECT_ROOT } from './dev/python-tools';
import { eventually } from './testkit/eventually';
import { recordingActivities } from './testkit/recording-activities';
import { freePort } from '../platform/free-port';
import { createLogger } from '../platform/logger';
import { startTemporalDevServer } from './dev/temporal-dev-server';
import { requirePythonTool } from './dev/python-tools';
import { contributorWorkflow } from '../workflows/contributor-workflow';
import { arrivalStatus } from '../api/use-cases/import/people';
import {
  activitySeenSignal,
  completeStepUpdate,
  onboardingStartedUpdate,
  proposePromotionUpdate,
  setIdentitiesUpdate,
  signOfLifeUpdate,
  statusQuery,
  verdictUpdate,
  voteUpdate,
} from '../workflows/messages';

const OUT = path.join(PROJECT_ROOT, 'test', 'fixtures', 'histories');
/** Recordings sit beside the older ones, named by the day they were made (or `npm run histories:record -- LABEL`). */
const LABEL = process.argv[2] ?? new Date().toISOString().slice(0, 10);

async function main(): Promise<void> {
  const server = await startTemporalDevServer({
    cli: requirePythonTool('cli'),
    port: await freePort(),
    namespace: 'default',
    log: createLogger('warn'),
  });
  // Stopped however the journey ends, so a failed recording leaves no server behind.
  try {
    const connection = await Connection.connect({ address: server.address });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const client = new Client({ connection });
    const { activities } = recordingActivities();
    const taskQueue = 'record-histories';
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../workflows'),
      activities,
    });
    const ladder = loadLadderFile(path.join(PROJECT_ROOT, 'ladders', 'cacert-support.yaml'));
    const candidate = { type: 'candidate' as const, id: 'c1' };
    const leader = { type: 'team-leader' as const, id: 'tl' };

    await worker.runUntil(async () => {
      const contributor = await client.workflow.start(contributorWorkflow, {
        taskQueue,
        workflowId: 'contributor-journey',
        args: [{ contributorId: 'c1', ladder, name: 'St Nick', email: 'nick@example.org', startedBy: 'tl' }],
      });
      await contributor.executeUpdate(onboardingStartedUpdate);
      const step = async (
        workflowId: string,
        stepId: string,
        actor: { type: 'candidate' | 'team-leader'; id: string } = leader,
        result?: 'passed' | 'failed',
      ) =>
        client.workflow.getHandle(workflowId).executeUpdate(completeStepUpdate, { args: [{ stepId, actor, result }] });

      /** The candidate signs a document from its page: with the consent the page asks for. */
      const sign = async (workflowId: string, id: string) => {
        const { title, version } = ladder.documents[id]!;
        const consent = { document: id, version, statement: `I have read and agree to ${title}, version ${version}` };
        return client.workflow
          .getHandle(workflowId)
          .executeUpdate(completeStepUpdate, { args: [{ stepId: `agreement:${id}`, actor: candidate, consent }] });
      };

      const entry = (await contributor.query(statusQuery)).promotion!.workflowId;
      await sign(entry, 'CCA');
      await step(entry, 'check:assurer');
      // Updates on the contributor itself, between promotions: the team leader names an identity and reports a sign of life.
      await eventually(
        () => contributor.query(statusQuery),
        (s) => s.level === 'assurer',
      );
      await contributor.executeUpdate(setIdentitiesUpdate, { args: [{ identities: { otrs: 'stnick' }, by: 'tl' }] });
      await contributor.executeUpdate(signOfLifeUpdate, { args: [{ by: 'tl', source: 'irc' }] });

      const triage = (await contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] }))
        .workflowId;
      for (const id of ['DRP', 'SP']) await sign(triage, id);
      for (const id of ['check:recommendation', 'check:smime', 'check:welcome-pack']) await step(triage, id);
      await step(triage, 'challenge:Support-1', leader, 'failed');
      for (const id of ['challenge:Support-1', 'challenge:Triage-1', 'challenge:Triage-2'])
        await step(triage, id, leader, 'passed');

      const se = (await contributor.executeUpdate(proposePromotionUpdate, { args: [{ proposedBy: 'tl' }] })).workflowId;
      for (const id of ['challenge:Triage-3', 'challenge:Support-2']) await step(se, id, leader, 'passed');
      const seHandle = client.workflow.getHandle(se);
      await seHandle.executeUpdate(verdictUpdate, { args: [{ arbitrator: 'arb', verdict: 'positive' }] });
      await seHandle.executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b1' }, vote: 'approve' }] });
      await seHandle.executeUpdate(voteUpdate, { args: [{ voter: { keyId: 'b2' }, vote: 'abstain' }] });
      for (const keyId of ['b3', 'b4', 'b5'])
        await seHandle.executeUpdate(voteUpdate, { args: [{ voter: { keyId }, vote: 'approve' }] });

      // An SE imported with tenure since long ago: the ping falls due at once, a system then sees them at work.
      const imported = new Date();
      const arrival = await client.workflow.start(contributorWorkflow, {
        taskQueue,
        workflowId: 'contributor-arrival',
        args: [
          {
            contributorId: 'c2',
            ladder,
            name: 'Ada',
            email: 'ada@example.org',
            startedBy: 'tl',
            carried: {
              status: arrivalStatus(
                {
                  line: 2,
                  name: 'Ada',
                  email: 'ada@example.org',
                  ladder,
                  level: 'se',
                  since: '2024-01-01T00:00:00.000Z',
                  identities: { otrs: 'ada' },
                  agreements: { CCA: ladder.documents.CCA!.version },
                  sponsors: [],
                },
                'c2',
                imported,
              ),
              attempts: 0,
            },
          },
        ],
      });
      await eventually(
        () => arrival.query(statusQuery),
        (s) => s.inactivity?.pingedAt !== undefined,
      );
      await arrival.signal(activitySeenSignal, { at: new Date().toISOString(), source: 'otrs' });
      await eventually(
        () => arrival.query(statusQuery),
        (s) => s.inactivity === undefined,
      );

      const { EventType } = temporal.api.enums.v1;
      const TASK_EVENTS = [
        EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
      ];
      // A history cut while a workflow task is waiting would end in a task the replay runs as new work.
      const idle = (h: temporal.api.history.v1.IHistory) =>
        [...h.events!].reverse().find((e) => TASK_EVENTS.includes(e.eventType!))?.eventType ===
        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED;
      mkdirSync(OUT, { recursive: true });
      for (const workflowId of [entry, triage, se, contributor.workflowId, arrival.workflowId]) {
        const history = await eventually(() => client.workflow.getHandle(workflowId).fetchHistory(), idle);
        const name =
          workflowId === contributor.workflowId
            ? 'contributor'
            : workflowId === arrival.workflowId
              ? 'arrival'
              : workflowId.slice(workflowId.lastIndexOf('.') + 1);
        // Protobuf's binary form, base64: what the SDK decodes for replay without a JSON dialect in between.
        const encoded = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('base64');
        writeFileSync(
          path.join(OUT, `cacert-${name}-${LABEL}.json`),
          JSON.stringify({ workflowId, events: history.events?.length, history: encoded }, null, 1) + '\n',
        );
        console.log(`recorded ${name}: ${history.events?.length} events`);
      }
    });
    await nativeConnection.close();
    await connection.close();
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
