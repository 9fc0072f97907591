import { entitlementsBySystem } from '../../../domain/access';
import type { Ladder } from '../../../domain/ladder';
import type { Caller } from '../../../platform/api-keys';
import { isLanguage, LANGUAGES, type Language } from '../../../platform/i18n';
import type { RawRow, RowProblem } from '../../../platform/import-file';
import { refusedCharacter, TEXT_RULE } from '../../validation/plain-text';

/** One person, checked: where the file puts them, and what it brings with them. */
export interface ImportRow {
  line: number;
  name: string;
  email: string;
  ladder: Ladder;
  level: string;
  /** When they entered the level: their tenure counts from here. */
  since: string;
  language?: Language;
  identities: Record<string, string>;
  /** Document id to the edition signed. */
  agreements: Record<string, string>;
  /** Sponsors' email addresses, lower case: in the same file or already on the ladder. */
  sponsors: string[];
}

/** The same rule as the API's `format: email`: one @, a dot in the domain, nothing blank. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AGREEMENT = /^([^@\s]+)@(\S+)$/;

/** A day (taken as midnight UTC) or a full timestamp; undefined when it is not a real date. */
function dateOf(text: string): Date | undefined {
  const at = new Date(DAY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime())) return undefined;
  if (DAY.test(text) && at.toISOString().slice(0, 10) !== text) return undefined;
  return at;
}

const words = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean);
const key = (ladderId: string, email: string) => `${ladderId}\n${email.toLowerCase()}`;

/**
 * Checks every row against the ladders and the caller's reach, and the
 * sponsors against the file and `onLadder` (ladder and email of everyone
 * already holding a level). Either every row is good, or the problems come
 * back, each with its line and field.
 */
export function checkRows(
  raw: RawRow[],
  ladders: ReadonlyMap<string, Ladder>,
  caller: Caller,
  onLadder: (ladderId: string, email: string) => boolean,
  now = new Date(),
): { rows: ImportRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  const reach = caller.role === 'admin' ? undefined : (caller.ladders ?? (caller.ladderId ? [caller.ladderId] : []));

  for (const { line, fields } of raw) {
    const problem = (field: string, text: string) => problems.push({ line, field, problem: text });
    const name = fields.name ?? '';
    const email = (fields.email ?? '').trim();
    if (!name) problem('name', 'the name is empty');
    else if (name.length > 200) problem('name', 'the name is longer than 200 characters');
    else if (refusedCharacter(name, 'line')) problem('name', `the name ${TEXT_RULE.line}`);
    if (!EMAIL.test(email) || email.length > 254) problem('email', `"${email}" is not an email address`);

    const ladder = ladders.get(fields.ladder ?? '');
    if (!ladder)
      problem('ladder', `no ladder "${fields.ladder ?? ''}"; known ladders: ${[...ladders.keys()].join(', ')}`);
    else if (reach && !reach.includes(ladder.id))
      problems.push({ line, field: 'ladder', problem: `you do not lead the ladder "${ladder.id}"`, forbidden: true });
    const level = ladder?.levels.find((l) => l.id === fields.level);
    if (ladder && !level)
      problem(
        'level',
        `the ${ladder.name} ladder has no level "${fields.level ?? ''}"; its levels: ${ladder.levels.map((l) => l.id).join(', ')}`,
      );

    const since = dateOf(fields.since ?? '');
    if (!since) problem('since', `"${fields.since ?? ''}" is not a date (2024-05-31, or a full ISO 8601 time)`);
    else if (since > now) problem('since', `${fields.since} is in the future`);

    const language = fields.language || undefined;
    if (language && !isLanguage(language))
      problem('language', `"${language}" is not a language trustladder speaks (${LANGUAGES.join(', ')})`);

    const identities: Record<string, string> = {};
    const systems = ladder ? entitlementsBySystem([ladder]) : new Map();
    for (const [column, value] of Object.entries(fields)) {
      if (!column.startsWith('identity:') || !value) continue;
      const system = column.slice('identity:'.length);
      if (ladder && !systems.has(system))
        problem(
          column,
          `the ${ladder.name} ladder gives no access on "${system}"; its systems: ${[...systems.keys()].join(', ') || 'none'}`,
        );
      else if (value.length > 200 || refusedCharacter(value, 'line'))
        problem(column, `"${value}" is not an account name`);
      else identities[system] = value;
    }

    const agreements: Record<string, string> = {};
    for (const item of words(fields.agreements)) {
      const match = AGREEMENT.exec(item);
      const document = match && ladder?.documents[match[1]!];
      if (!match) problem('agreements', `"${item}" is not ID@version`);
      else if (ladder && !document)
        problem(
          'agreements',
          `the ${ladder.name} ladder has no document "${match[1]}"; its documents: ${Object.keys(ladder.documents).join(', ') || 'none'}`,
        );
      else agreements[match[1]!] = match[2]!;
    }

    const sponsors = words(fields.sponsors).map((s) => s.toLowerCase());
    if (sponsors.includes(email.toLowerCase())) problem('sponsors', 'nobody sponsors themselves');

    if (ladder && EMAIL.test(email)) {
      const first = seen.get(key(ladder.id, email));
      if (first !== undefined) problem('email', `${email} is already on line ${first} for the same ladder`);
      else seen.set(key(ladder.id, email), line);
    }
    if (ladder && level && since && EMAIL.test(email))
      rows.push({
        line,
        name: name.trim(),
        email,
        ladder,
        level: level.id,
        since: since.toISOString(),
        ...(language && isLanguage(language) ? { language } : {}),
        identities,
        agreements,
        sponsors,
      });
  }

  // Sponsors last: any row of the file may name any other.
  for (const row of rows)
    for (const sponsor of row.sponsors)
      if (!seen.has(key(row.ladder.id, sponsor)) && !onLadder(row.ladder.id, sponsor))
        problems.push({
          line: row.line,
          field: 'sponsors',
          problem: `${sponsor} is neither in this file nor on the ${row.ladder.name} ladder`,
        });

  problems.sort((a, b) => a.line - b.line);
  return { rows: problems.length > 0 ? [] : rows, problems };
}
