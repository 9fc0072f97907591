import path from 'node:path';
import { loadLadders, parseLadder } from '../../platform/ladder-file';
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

  test("when a level gives a return path, then a returning emeritus's steps are its steps, and the ladder's language is kept", () => {
    const ladder = parseLadder(
      valid
        .replace('name: Demo\n', 'name: Demo\nlanguage: de\n')
        .replace(
          '          title: Known to the team\n',
          '          title: Known to the team\n    return: { agreement: COC }\n',
        ),
      'demo.yaml',
    );
    expect(ladder.language).toBe('de');
    expect(stepsToEnter(ladder, ladder.levels[0]!, true).map((s) => s.id)).toEqual(['agreement:COC']);
    expect(stepsToEnter(ladder, ladder.levels[0]!).map((s) => s.id)).toEqual(['agreement:COC', 'check:known']);
  });

  test('when a ladder file is valid, then its steps get stable ids', () => {
    const ladder = parseLadder(valid, 'demo.yaml');
    expect(stepsToEnter(ladder, ladder.levels[0]!).map((s) => s.id)).toEqual(['agreement:COC', 'check:known']);
  });

  test.each([
    ['a missing field', valid.replace('name: Demo\n', ''), "demo.yaml: /: must have required property 'name'"],
    ['a misspelt field', valid.replace('requires:', 'requirez:'), 'demo.yaml: /levels/0: must have required property'],
    [
      'an unknown document',
      valid.replace('agreement: COC', 'agreement: NDA'),
      'demo.yaml: /levels/0/requires/all/0/agreement: names no document of this ladder (known: COC)',
    ],
    [
      'a duplicate level',
      valid + valid.slice(valid.indexOf('  - id: member')),
      'demo.yaml: /levels/1/id: level "member" is declared twice',
    ],
    [
      'a check without a title',
      valid.replace('          title: Known to the team\n', ''),
      'demo.yaml: /levels/0/requires/all/1/title: must be a non-empty string',
    ],
    [
      'an unknown challenge',
      valid.replace('- agreement: COC', '- challenge: Quiz-9'),
      'demo.yaml: /levels/0/requires/all/0/challenge: names no challenge of this ladder',
    ],
    [
      'a bad duration',
      valid.replace('- agreement: COC', '- tenure: three months'),
      'demo.yaml: /levels/0/requires/all/0/tenure: must be a duration like 90d',
    ],
    [
      'two kinds in one node',
      valid.replace('- agreement: COC', '- agreement: COC\n          tenure: 9d'),
      'demo.yaml: /levels/0/requires/all/0: must be exactly one of',
    ],
    [
      'a board approval without a board',
      valid.replace('- agreement: COC', '- boardApproval: { motion: Appoint }'),
      'boardApproval needs the ladder to declare board',
    ],
    [
      'an n-of-m asking too many',
      valid.replace('      all:', '      atLeast: 3\n      of:'),
      'demo.yaml: /levels/0/requires/atLeast: must be a whole number from 1 to 2',
    ],
    ['broken YAML', 'id: [', 'demo.yaml: not valid YAML'],
    [
      'a quiz answer that is not a choice',
      valid.replace(
        'levels:',
        'challenges:\n  Q: { title: q, quiz: { passMark: 1, questions: [{ id: q1, text: "?", choices: [a, b], answer: c }] } }\nlevels:',
      ),
      'demo.yaml: /challenges/Q/quiz/questions/0/answer: must be the text of one of its choices',
    ],
    [
      'a pass mark above the questions',
      valid.replace(
        'levels:',
        'challenges:\n  Q: { title: q, quiz: { passMark: 2, questions: [{ id: q1, text: "?", choices: [a, b], answer: a }] } }\nlevels:',
      ),
      'demo.yaml: /challenges/Q/quiz/passMark: must be at most the number of questions (1)',
    ],
    [
      'a condition with no source',
      valid.replace('- agreement: COC', '- condition: { id: staff, title: Staff }'),
      'demo.yaml: /levels/0/requires/all/0/condition: must give exactly one of emailDomain',
    ],
    [
      'a peer vote naming no level',
      valid.replace('- agreement: COC', '- peerVote: { peers: elders }'),
      'demo.yaml: /levels/0/requires/all/0/peerVote/peers: must name a level of this ladder (member)',
    ],
    [
      'inactivity stages out of order',
      valid.replace('levels:', 'upkeep: { inactivity: { pingAfter: 30d, warnAfter: 20d, removeAfter: 90d } }\nlevels:'),
      'demo.yaml: /upkeep/inactivity: pingAfter must come before warnAfter',
    ],
    [
      'a language no catalogue ships',
      valid.replace('name: Demo\n', 'name: Demo\nlanguage: fr\n'),
      'demo.yaml: /language: must be equal to one of the allowed values',
    ],
    [
      'a return path naming an unknown document',
      valid.replace(
        '          title: Known to the team\n',
        '          title: Known to the team\n    return: { agreement: NDA }\n',
      ),
      'demo.yaml: /levels/0/return/agreement: names no document of this ladder',
    ],
    [
      'a return path asking for tenure',
      valid.replace(
        '          title: Known to the team\n',
        '          title: Known to the team\n    return: { tenure: 30d }\n',
      ),
      'demo.yaml: /levels/0/return: tenure cannot be required here',
    ],
    [
      'a document hash that is not SHA-256',
      valid.replace('url: https://example.org/coc', 'url: https://example.org/coc, sha256: abc'),
      'demo.yaml: /documents/COC/sha256: must match pattern',
    ],
  ])(
    'when a ladder file has %s, then loading fails naming the file, the path and what was expected',
    (_what, text, message) => {
      expect(() => parseLadder(text, 'demo.yaml')).toThrow(message);
    },
  );
});
