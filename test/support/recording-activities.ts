import type { Activities } from '../../activities';

export interface Call {
  name: keyof Activities;
  input: Record<string, unknown>;
}

/** Activities that only record their calls, for workflow tests: the workflow's decisions, without the world. */
export function recordingActivities(): { calls: Call[]; activities: Activities; named: (name: keyof Activities) => Record<string, unknown>[] } {
  const calls: Call[] = [];
  const names: (keyof Activities)[] = ['registerContributor', 'recordLevel', 'sendStepLinks', 'sendNotice', 'saveMotion', 'closeMotion', 'fileDispute', 'saveDispute', 'recordAudit'];
  const activities = Object.fromEntries(
    names.map((name) => [
      name,
      async (input: Record<string, unknown>) => {
        calls.push({ name, input });
        return { messageId: `<${calls.length}@test>` };
      },
    ]),
  ) as unknown as Activities;
  return { calls, activities, named: (name) => calls.filter((c) => c.name === name).map((c) => c.input) };
}
