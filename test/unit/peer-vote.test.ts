import { decidePeerVote, type PeerBallot, type Voter } from '../../domain/peer-vote';
import { gradeQuiz } from '../../domain/quiz';

const peers = (n: number, owners: string[] = []): Voter[] =>
  [...Array(n).keys()].map((i) => ({ id: `p${i}`, owner: owners.includes(`p${i}`) }));
const ballots = (...votes: [string, PeerBallot['choice']][]): PeerBallot[] =>
  votes.map(([voter, choice]) => ({ voter, choice }));

describe('peer votes', () => {
  test('when a majority of the peers asked agree with no block, then the vote is agreed; short of it, still open', () => {
    expect(decidePeerVote(peers(5), ballots(['p0', 'agree'], ['p1', 'agree']))).toBe('open');
    expect(decidePeerVote(peers(5), ballots(['p0', 'agree'], ['p1', 'agree'], ['p2', 'agree']))).toBe('agreed');
  });

  test('when anyone blocks, then the vote is refused whatever the agrees', () => {
    expect(decidePeerVote(peers(3), ballots(['p0', 'agree'], ['p1', 'agree'], ['p2', 'block']))).toBe('refused');
  });

  test('when a majority can no longer be reached, then the vote is refused without waiting; abstentions count against it', () => {
    expect(decidePeerVote(peers(4), ballots(['p0', 'disagree'], ['p1', 'abstain']))).toBe('refused');
  });

  test("when an owner agrees or disagrees, then that decides alone; an owner's abstention leaves it to the peers", () => {
    expect(decidePeerVote(peers(5, ['p4']), ballots(['p4', 'agree']))).toBe('agreed');
    expect(decidePeerVote(peers(5, ['p4']), ballots(['p0', 'agree'], ['p1', 'agree'], ['p4', 'disagree']))).toBe(
      'refused',
    );
    expect(decidePeerVote(peers(3, ['p2']), ballots(['p2', 'abstain'], ['p0', 'agree']))).toBe('open');
  });

  test('when nobody is there to vote, then the vote can never agree', () => {
    expect(decidePeerVote([], [])).toBe('refused');
  });
});

describe('quiz grading', () => {
  const quiz = {
    passMark: 2,
    questions: [
      { id: 'a', text: 'A?', choices: ['x', 'y'], answer: 'y' },
      { id: 'b', text: 'B?', choices: ['x', 'y'], answer: 'x' },
    ],
  };
  test('when answers are right, wrong, missing or out of range, then only the right ones count', () => {
    expect(gradeQuiz(quiz, { a: 1, b: 0 })).toEqual({ correct: 2, passed: true });
    expect(gradeQuiz(quiz, { a: 1 })).toEqual({ correct: 1, passed: false });
    expect(gradeQuiz(quiz, { a: 7, b: 0 })).toEqual({ correct: 1, passed: false });
  });
});
