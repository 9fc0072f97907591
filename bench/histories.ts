import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { workflowIdFor } from '../domain/contributor-id';

export interface HistoryFigures {
  /** Events in the contributor's own workflow, and in each promotion child, per contributor. */
  contributorEvents: number;
  promotionEvents: number;
  /** All events per contributor divided by the levels they climbed. */
  eventsPerLevel: number;
  /** Activities a contributor's workflows scheduled, and local activities they ran, for the floor to match. */
  activities: number;
  localActivities: number;
  /** Events per contributor by type, commonest first: where a contributor's history goes. */
  byType: Record<string, number>;
}

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
/** The marker the SDK records for each local activity that ran. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const typeName = (e: HistoryEvent) =>
  (proto.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');

/** Reads the histories of a sample of contributors and the promotions they started. */
export async function historyFigures(
  temporal: Client,
  contributorIds: readonly string[],
  levels: number,
): Promise<HistoryFigures> {
  let contributorEvents = 0;
  let promotionEvents = 0;
  let activities = 0;
  let localActivities = 0;
  const byType = new Map<string, number>();
  const count = (events: HistoryEvent[]) => {
    for (const e of events) byType.set(typeName(e), (byType.get(typeName(e)) ?? 0) + 1);
    activities += events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    localActivities += events.filter(
      (e) => e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER,
    ).length;
    return events.length;
  };
  for (const id of contributorIds) {
    const history = await temporal.workflow.getHandle(workflowIdFor(id)).fetchHistory();
    const events = history.events ?? [];
    contributorEvents += count(events);
    for (const started of events.filter((e) => e.childWorkflowExecutionStartedEventAttributes)) {
      const child = started.childWorkflowExecutionStartedEventAttributes!.workflowExecution!.workflowId!;
      const childEvents = (await temporal.workflow.getHandle(child).fetchHistory()).events ?? [];
      promotionEvents += count(childEvents);
    }
  }
  const n = contributorIds.length;
  return {
    contributorEvents: Math.round(contributorEvents / n),
    promotionEvents: Math.round(promotionEvents / n),
    eventsPerLevel: Math.round((contributorEvents + promotionEvents) / n / levels),
    activities: Math.round(activities / n),
    localActivities: Math.round(localActivities / n),
    byType: Object.fromEntries([...byType].sort((a, b) => b[1] - a[1]).map(([type, k]) => [type, Math.round(k / n)])),
  };
}

/** What one update set going: the activities scheduled and local activities run from its acceptance on. */
export interface UpdateWork {
  activities: number;
  localActivities: number;
}

/**
 * The work a workflow did from its first accepted update to now, per update
 * accepted: for a workflow that has received only the updates being measured
 * (a promotion whose one link was confirmed), what each of them cost the engine.
 */
export async function workPerUpdate(temporal: Client, workflowId: string): Promise<UpdateWork> {
  const events = (await temporal.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const since = events.slice(events.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes));
  const updates = since.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
  if (updates === 0) throw new Error(`${workflowId} has accepted no update`);
  return {
    activities: Math.round(since.filter((e) => e.activityTaskScheduledEventAttributes).length / updates),
    localActivities: Math.round(
      since.filter((e) => e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER).length / updates,
    ),
  };
}
