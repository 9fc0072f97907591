import type { Client } from '@temporalio/client';
import { workflowIdFor } from '../domain/contributor-id';

export interface HistoryFigures {
  /** Events in the contributor's own workflow, and in each promotion child, per contributor. */
  contributorEvents: number;
  promotionEvents: number;
  /** All events per contributor divided by the levels they climbed. */
  eventsPerLevel: number;
  /** Activities a contributor's workflows scheduled, for the floor to match. */
  activities: number;
}

/** Reads the histories of a sample of contributors and the promotions they started. */
export async function historyFigures(temporal: Client, contributorIds: readonly string[], levels: number): Promise<HistoryFigures> {
  let contributorEvents = 0;
  let promotionEvents = 0;
  let activities = 0;
  for (const id of contributorIds) {
    const history = await temporal.workflow.getHandle(workflowIdFor(id)).fetchHistory();
    const events = history.events ?? [];
    contributorEvents += events.length;
    activities += events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    for (const started of events.filter((e) => e.childWorkflowExecutionStartedEventAttributes)) {
      const child = started.childWorkflowExecutionStartedEventAttributes!.workflowExecution!.workflowId!;
      const childEvents = (await temporal.workflow.getHandle(child).fetchHistory()).events ?? [];
      promotionEvents += childEvents.length;
      activities += childEvents.filter((e) => e.activityTaskScheduledEventAttributes).length;
    }
  }
  const n = contributorIds.length;
  return {
    contributorEvents: Math.round(contributorEvents / n),
    promotionEvents: Math.round(promotionEvents / n),
    eventsPerLevel: Math.round((contributorEvents + promotionEvents) / n / levels),
    activities: Math.round(activities / n),
  };
}
