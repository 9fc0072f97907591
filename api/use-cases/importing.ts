import type { Caller } from '../../platform/api-keys';
import { contributorIdFor } from '../../platform/contributor-ids';
import { formatOf, readImportFile, type RowProblem } from '../../platform/import-file';
import { standingsOf, unstartedImports } from '../../store/imports';
import { HttpProblem } from '../problem';
import { accessPlan, heldBeyond, type PlannedGrant } from './import/access-plan';
import { checkRows, type ImportRow } from './import/check-rows';
import { recordArrival, startArrived } from './import/people';
import type { UseCaseDeps } from './deps';

export interface ImportRequest {
  text: string;
  /** Tells CSV from YAML by its ending, and is named in the audit trail. */
  fileName?: string;
  dryRun: boolean;
  /** Called as people are done, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
}

export type ImportOutcome = 'imported' | 'to import' | 'already on the ladder';

export interface ImportedPerson {
  line: number;
  id: string;
  name: string;
  email: string;
  ladder: string;
  level: string;
  since: string;
  outcome: ImportOutcome;
  /** For someone already on the ladder: the level they hold there now (null: they have left it). */
  holds?: string | null;
  /** In a dry run, per grant their level carries, what the system holds now. */
  access?: PlannedGrant[];
}

export interface ImportReport {
  dryRun: boolean;
  sha256: string;
  /** People brought in by this call (0 in a dry run). */
  imported: number;
  /** People a dry run would bring in. */
  toImport: number;
  /** People already on their ladder: left as they are. */
  unchanged: number;
  people: ImportedPerson[];
}

/** The file, or rows of it, cannot be imported: nothing was. */
export class ImportRefused extends HttpProblem {
  constructor(problems: RowProblem[]) {
    const first = problems.find((p) => p.forbidden) ?? problems[0]!;
    super(
      first.forbidden ? 403 : 400,
      first.forbidden ? 'Forbidden' : 'Bad Request',
      `nothing was imported: ${problems.length} problem${problems.length === 1 ? '' : 's'}, the first ${first.line > 0 ? `on line ${first.line}` : 'in the file'}${first.field ? ` (${first.field})` : ''}: ${first.problem}`,
    );
    this.problems = problems.map(({ line, field, problem }) => ({ line, field, problem }));
  }
}

/** People at once: each is a transaction and a workflow start. */
const AT_ONCE = 8;

async function eachAtOnce<T>(items: T[], work: (item: T) => Promise<void>, done: () => void): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]!);
      done();
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
}

/**
 * Brings an existing team onto its ladders from a CSV or YAML file
 * (docs/adoption.md): every row is checked first and nothing is imported
 * while any is bad; people already on their ladder are left as they are, so
 * the same file imported again changes nothing. Each person arrives at their
 * level without its gates, and their workflow grants what the level carries,
 * adopting what the systems already hold and removing nothing.
 */
export async function importPeople(deps: UseCaseDeps, caller: Caller, request: ImportRequest): Promise<ImportReport> {
  const file = readImportFile(request.text, formatOf(request.fileName, request.text));
  if (file.problems.length > 0) throw new ImportRefused(file.problems);

  const idOf = (ladder: string, email: string) => contributorIdFor(ladder, email);
  const named = file.rows.flatMap(({ fields }) =>
    [fields.email ?? '', ...(fields.sponsors ?? '').split(/\s+/)]
      .filter(Boolean)
      .map((e) => idOf(fields.ladder ?? '', e)),
  );
  const standings = await standingsOf(deps.pool, [...new Set(named)]);
  const { rows, problems } = checkRows(
    file.rows,
    deps.ladders,
    caller,
    (ladder, email) => (standings.get(idOf(ladder, email))?.level ?? null) !== null,
  );
  if (problems.length > 0) throw new ImportRefused(problems);

  const people: ImportedPerson[] = rows.map((row) => {
    const id = idOf(row.ladder.id, row.email);
    const standing = standings.get(id);
    return {
      line: row.line,
      id,
      name: row.name,
      email: row.email,
      ladder: row.ladder.id,
      level: row.level,
      since: row.since,
      outcome: standing ? 'already on the ladder' : request.dryRun ? 'to import' : 'imported',
      ...(standing ? { holds: standing.level } : {}),
    };
  });
  const arriving = rows.filter((_, i) => people[i]!.outcome !== 'already on the ladder');

  const beyond = await heldBeyond(deps, arriving);
  if (request.dryRun) {
    const plans = await accessPlan(deps, arriving);
    let at = 0;
    for (const person of people)
      if (person.outcome === 'to import') {
        person.access = [...plans[at]!, ...beyond[at]!.map((g) => ({ ...g, state: 'kept beyond the level' as const }))];
        at++;
      }
  } else {
    const adopted = new Map(arriving.map((row, i) => [row, beyond[i]!]));
    // An import stopped between someone's row and their workflow finishes them now.
    const unstarted = await unstartedImports(
      deps.pool,
      people.filter((p) => p.outcome === 'already on the ladder').map((p) => p.id),
    );
    const toStart = new Set<ImportRow>(rows.filter((_, i) => unstarted.has(people[i]!.id)));
    const importedAt = new Date();
    const source = { sha256: file.sha256, ...(request.fileName ? { fileName: request.fileName } : {}) };
    const total = arriving.length + toStart.size;
    let done = 0;
    await eachAtOnce(
      [...arriving, ...toStart],
      async (row) => {
        if (!toStart.has(row)) await recordArrival(deps, caller, row, source, adopted.get(row) ?? []);
        await startArrived(deps, caller, row, importedAt);
      },
      () => request.onProgress?.(++done, total),
    );
  }

  const count = (outcome: ImportOutcome) => people.filter((p) => p.outcome === outcome).length;
  return {
    dryRun: request.dryRun,
    sha256: file.sha256,
    imported: count('imported'),
    toImport: count('to import'),
    unchanged: count('already on the ladder'),
    people,
  };
}
