const UNITS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

export const DURATION_PATTERN = '^[1-9][0-9]{0,5}[smhdwy]$';

/** "1y" (365 days), "90d", "2w", "12h", "30m", "10s" in milliseconds. */
export function durationMs(text: string): number {
  const match = /^([1-9][0-9]{0,5})([smhdwy])$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration like 90d, 2w, 12h, 30m or 10s`);
  return Number(match[1]) * UNITS[match[2]!]!;
}
