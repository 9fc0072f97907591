import path from 'node:path';
import { loadLadders, parseLadder } from '../../domain/ladder-file';
import { stepsToEnter } from '../../domain/ladder';

const valid = `
id: demo
name: Demo
documents:
  COC: { title: Code of Conduct, version: "1", url: https://example.org/coc }
levels:
  - id: member
    name: Member
    requires:
      all:
        - agreement: COC
        - check: known
          title: Known to the team
`;

describe('ladder files', () => {
  test('when the shipped ladders are loaded, then cacert-support starts at Assurer with the CCA and the Assurer check', () => {
    const ladder = loadLadders(path.join(__dirname, '../../ladders')).get('cacert-support')!;
    expect(ladder.levels[0]!.id).toBe('assurer');
    expect(stepsToEnter(ladder, ladder.levels[0]!).map((s) => [s.id, s.completedBy])).toEqual([
      ['agreement:CCA', 'candidate'],
      ['check:assurer', 'team-leader'],
    ]);
  });

  test('when a ladder file is valid, then its steps get stable ids', () => {
    const ladder = parseLadder(valid, 'demo.yaml');
    expect(stepsToEnter(ladder, ladder.levels[0]!).map((s) => s.id)).toEqual(['agreement:COC', 'check:known']);
  });

  test.each([
    ['a missing field', valid.replace('name: Demo\n', ''), "demo.yaml: /: must have required property 'name'"],
    ['a misspelt field', valid.replace('requires:', 'requirez:'), 'demo.yaml: /levels/0: must have required property'],
    ['an unknown document', valid.replace('agreement: COC', 'agreement: NDA'), 'demo.yaml: /levels/0/requires/all/0/agreement: names no document of this ladder (known: COC)'],
    ['a duplicate level', valid + valid.slice(valid.indexOf('  - id: member')), 'demo.yaml: /levels/1/id: level "member" is declared twice'],
    ['a check without a title', valid.replace('          title: Known to the team\n', ''), 'demo.yaml: /levels/0/requires/all/1/title: must be a non-empty string'],
    ['an unknown challenge', valid.replace('- agreement: COC', '- challenge: Quiz-9'), 'demo.yaml: /levels/0/requires/all/0/challenge: names no challenge of this ladder'],
    ['a bad duration', valid.replace('- agreement: COC', '- tenure: three months'), 'demo.yaml: /levels/0/requires/all/0/tenure: must be a duration like 90d'],
    ['two kinds in one node', valid.replace('- agreement: COC', '- agreement: COC\n          tenure: 9d'), 'demo.yaml: /levels/0/requires/all/0: must be exactly one of'],
    ['a board approval without a board', valid.replace('- agreement: COC', '- boardApproval: { motion: Appoint }'), 'boardApproval needs the ladder to declare board'],
    ['an n-of-m asking too many', valid.replace('      all:', '      atLeast: 3\n      of:'), 'demo.yaml: /levels/0/requires/atLeast: must be a whole number from 1 to 2'],
    ['broken YAML', 'id: [', 'demo.yaml: not valid YAML'],
  ])('when a ladder file has %s, then loading fails naming the file, the path and what was expected', (_what, text, message) => {
    expect(() => parseLadder(text, 'demo.yaml')).toThrow(message);
  });
});
