/**
 * `npm run ladder -- check <file>`: validates a ladder file and prints its
 * levels and gates; exits 1 with the error (file, field path, what was
 * expected) otherwise.
 */
import { groupParts, isGroup, stepFor, type Ladder, type Requirement } from '../domain/ladder';
import { loadLadderFile } from '../platform/ladder-file';

function describe(ladder: Ladder, req: Requirement, indent: string): string[] {
  if (!isGroup(req)) {
    const step = stepFor(ladder, req);
    return [`${indent}- ${step.title}  [${step.id}, by the ${step.completedBy}]`];
  }
  const { children, needed } = groupParts(req);
  const head = 'all' in req ? 'all of' : 'any' in req ? 'any of' : `${needed} of`;
  return [`${indent}${head}:`, ...children.flatMap((child) => describe(ladder, child, `${indent}  `))];
}

const [command, file] = process.argv.slice(2);
if (command !== 'check' || !file) {
  console.error('usage: npm run ladder -- check <file>');
  process.exit(2);
}
try {
  const ladder = loadLadderFile(file);
  console.log(`${ladder.name} (${ladder.id}): ${ladder.levels.map((l) => l.name).join(' => ')}`);
  for (const level of ladder.levels) {
    console.log(`\n${level.name} (${level.id}) requires`);
    console.log(describe(ladder, level.requires, '  ').join('\n'));
    const access = Object.entries(level.access ?? {});
    if (access.length > 0)
      console.log(
        `  grants:\n${access.map(([system, entitlements]) => `    - ${system}: ${entitlements.join(', ')}`).join('\n')}`,
      );
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
