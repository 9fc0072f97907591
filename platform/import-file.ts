import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';

/** One person as the file gives them: the line they start on and each field as text. */
export interface RawRow {
  line: number;
  fields: Record<string, string>;
}

/** Something wrong with the file itself or one of its rows, by line (0: the file as a whole) and field. */
export interface RowProblem {
  line: number;
  field: string;
  problem: string;
  /** The row names a ladder the caller may not import to. */
  forbidden?: true;
}

export interface ImportFile {
  /** The SHA-256 of the file's bytes: the audit trail names the file by it. */
  sha256: string;
  rows: RawRow[];
  problems: RowProblem[];
}

export type ImportFormat = 'csv' | 'yaml';

export const REQUIRED_COLUMNS = ['name', 'email', 'ladder', 'level', 'since'] as const;
const OPTIONAL_COLUMNS = ['language', 'agreements', 'sponsors'];
const IDENTITY_COLUMN = /^identity:[a-z][a-z0-9-]{0,31}$/;
/** More than this is refused: a team this size comes in several files. */
export const MAX_ROWS = 20_000;

const knownColumn = (name: string) =>
  (REQUIRED_COLUMNS as readonly string[]).includes(name) ||
  OPTIONAL_COLUMNS.includes(name) ||
  IDENTITY_COLUMN.test(name);

/** The format a file's name says, else what its first line looks like. */
export function formatOf(fileName: string | undefined, text: string): ImportFormat {
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'yaml';
  if (fileName && /\.csv$/i.test(fileName)) return 'csv';
  return /^\s*(-|#|---)/.test(text) ? 'yaml' : 'csv';
}

function checkColumns(columns: string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const column of REQUIRED_COLUMNS)
    if (!columns.includes(column))
      problems.push({ line: 1, field: column, problem: `the column "${column}" is missing` });
  for (const column of columns)
    if (!knownColumn(column))
      problems.push({
        line: 1,
        field: column,
        problem: `"${column}" is not a column this import knows (name, email, ladder, level, since, language, agreements, sponsors, identity:<system>)`,
      });
  return problems;
}

function readCsv(text: string): Pick<ImportFile, 'rows' | 'problems'> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      info: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 0;
    return { rows: [], problems: [{ line, field: '', problem: `not readable as CSV: ${(err as Error).message}` }] };
  }
  const header: string[][] = parseCsv(text, { bom: true, to_line: 1, trim: true });
  const problems = checkColumns(header[0] ?? []);
  // csv-parse counts the line a record ends on; a record is one line unless a quoted field spans more.
  const rows = records.map(({ record, info }) => ({ line: info.lines, fields: record }));
  return { rows, problems };
}

/** A YAML value as the text a CSV cell would hold: a list space-separated, as `agreements` and `sponsors` take it. */
const asText = (value: unknown): string => {
  if (Array.isArray(value)) return value.map(asText).join(' ');
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

function readYaml(text: string): Pick<ImportFile, 'rows' | 'problems'> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    const line = error.linePos?.[0]?.line ?? 0;
    return { rows: [], problems: [{ line, field: '', problem: `not readable as YAML: ${error.message}` }] };
  }
  if (!isSeq(doc.contents))
    return { rows: [], problems: [{ line: 1, field: '', problem: 'the file must be a list of people' }] };
  const rows: RawRow[] = [];
  const problems: RowProblem[] = [];
  for (const item of doc.contents.items) {
    const line = lines.linePos((item as { range?: readonly number[] | null }).range?.[0] ?? 0).line;
    if (!isMap(item)) {
      problems.push({ line, field: '', problem: 'each entry must be a person: name, email, ladder, level, since' });
      continue;
    }
    const person = item.toJSON() as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(person)) {
      if (key === 'identities' && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [system, identity] of Object.entries(value)) fields[`identity:${system}`] = asText(identity);
      } else fields[key] = value instanceof Date ? value.toISOString() : asText(value);
    }
    for (const column of Object.keys(fields))
      if (!knownColumn(column))
        problems.push({ line, field: column, problem: `"${column}" is not a field this import knows` });
    rows.push({ line, fields });
  }
  return { rows, problems };
}

/** Reads a CSV or YAML file of people; what cannot be read is a problem, not an exception. */
export function readImportFile(text: string, format: ImportFormat): ImportFile {
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const { rows, problems } = format === 'yaml' ? readYaml(text) : readCsv(text);
  if (rows.length > MAX_ROWS)
    problems.push({ line: 0, field: '', problem: `the file has ${rows.length} people; at most ${MAX_ROWS} at once` });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 0, field: '', problem: 'the file names nobody' });
  return { sha256, rows, problems };
}
