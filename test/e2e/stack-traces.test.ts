import { startSystem, type TestSystem } from '../support/system';

/**
 * WORKFLOW_STACK_TRACES: whether workflow code records stack traces, which the
 * Temporal UI shows for a running workflow (the `__stack_trace` query).
 */
describe('stack traces of workflow code', () => {
  const systems: TestSystem[] = [];
  afterAll(async () => {
    for (const system of systems) await system.stop();
  });

  /** A contributor onboarded through the API, and what the stack trace view shows of their workflow. */
  async function stackTraceOfAnOnboarding(env: Record<string, string>): Promise<string> {
    const system = await startSystem({ env });
    systems.push(system);
    const key = await system.keyFor('team-leader');
    const response = await fetch(`${system.baseUrl}/v1/contributors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Santa Claus', email: `santa.${Date.now()}@example.org`, ladder: 'cacert-support' }),
    });
    expect(response.status).toBe(201);
    const { workflowId } = (await response.json()) as { workflowId: string };
    return system.temporal.workflow.getHandle(workflowId).query<string>('__stack_trace');
  }

  test('given the default settings, when a contributor waits for their first step, then the stack trace view shows no frames', async () => {
    const trace = await stackTraceOfAnOnboarding({});
    expect(trace).not.toMatch(/\bat\b/);
  });

  test('given WORKFLOW_STACK_TRACES=true, when a contributor waits for their first step, then the stack trace view shows where workflow code waits', async () => {
    const trace = await stackTraceOfAnOnboarding({ WORKFLOW_STACK_TRACES: 'true' });
    expect(trace).toMatch(/at .*contributor-workflow\.ts:\d+/);
  });
});
