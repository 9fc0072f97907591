import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { workflowIdFor } from '../domain/contributor-id';

export interface HistoryFigures {
  /** Events in the contributor's own workflow, and in each promotion child, per contributor. */
  contributorEvents: number;
  promotionEvents: number;
  /** All events per contributor divided by the levels they climbed. */
  eventsPerLevel: number;
  /** Activities a contributor's workflows scheduled, for the floor to match. */
  activities: number;
  /** Events per contributor by type, commonest first: where a contributor's history goes. */
  byType: Record<string, number>;
}

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
const typeName = (e: HistoryEvent) => (proto.api.enums.v1.EventType[e.eventType ?? 0] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');

/** Reads the histories of a sample of contributors and the promotions they started. */
export async function historyFigures(temporal: Client, contributorIds: readonly string[], levels: number): Promise<HistoryFigures> {
  let contributorEvents = 0;
  let promotionEvents = 0;
  let activities = 0;
  const byType = new Map<string, number>();
  const count = (events: HistoryEvent[]) => {
    for (const e of events) byType.set(typeName(e), (byType.get(typeName(e)) ?? 0) + 1);
    return events.length;
  };
  for (const id of contributorIds) {
    const history = await temporal.workflow.getHandle(workflowIdFor(id)).fetchHistory();
    const events = history.events ?? [];
    contributorEvents += count(events);
    activities += events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    for (const started of events.filter((e) => e.childWorkflowExecutionStartedEventAttributes)) {
      const child = started.childWorkflowExecutionStartedEventAttributes!.workflowExecution!.workflowId!;
      const childEvents = (await temporal.workflow.getHandle(child).fetchHistory()).events ?? [];
      promotionEvents += count(childEvents);
      activities += childEvents.filter((e) => e.activityTaskScheduledEventAttributes).length;
    }
  }
  const n = contributorIds.length;
  return {
    contributorEvents: Math.round(contributorEvents / n),
    promotionEvents: Math.round(promotionEvents / n),
    eventsPerLevel: Math.round((contributorEvents + promotionEvents) / n / levels),
    activities: Math.round(activities / n),
    byType: Object.fromEntries([...byType].sort((a, b) => b[1] - a[1]).map(([type, k]) => [type, Math.round(k / n)])),
  };
}
