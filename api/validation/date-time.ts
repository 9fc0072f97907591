/**
 * The one reading of a date and time the API accepts, in a query or a body:
 * RFC 3339 with its offset, and only what PostgreSQL's timestamptz stores as
 * written. PostgreSQL refuses a year 0 and offsets beyond ±15:59; the four
 * digits of RFC 3339 end at 9999.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/** What the API says when a date and time is refused. */
export const DATE_TIME_RULE =
  'must be a date and time with its offset (RFC 3339, e.g. 2026-12-03T09:30:00Z), in the years 0001 to 9999, offset within ±15:59';

const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

export function isDateTime(text: string): boolean {
  const m = RFC3339.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  // A leap second (:60) is RFC 3339's, and PostgreSQL reads it as the next minute.
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] === undefined) return true;
  return Number(m[10]) <= 15 && Number(m[11]) <= 59;
}
