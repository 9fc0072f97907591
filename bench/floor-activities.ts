/** The floor's activity: a round trip through the engine and nothing else. */
export function floorActivities() {
  return {
    async noop(): Promise<void> {},
  };
}
