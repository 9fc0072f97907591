import { decide, quorum, voteRefusal, type Motion, type Vote } from '../../domain/motion';

const motion = (seats: number, votes: [string, Vote][], proposedBy = 'tl'): Motion => ({
  id: 'm',
  title: 'Appoint Santa',
  seats,
  proposedBy,
  candidateId: 'santa',
  votes: votes.map(([keyId, vote]) => ({ keyId, vote, at: '2026-11-24T00:00:00Z' })),
});

describe('board motions', () => {
  test('when the board has 7 seats, then 4 approvals are a majority', () => {
    expect(quorum(7)).toBe(4);
    expect(
      decide(
        motion(7, [
          ['a', 'approve'],
          ['b', 'approve'],
          ['c', 'approve'],
        ]),
      ),
    ).toBe('open');
    expect(
      decide(
        motion(7, [
          ['a', 'approve'],
          ['b', 'approve'],
          ['c', 'approve'],
          ['d', 'approve'],
        ]),
      ),
    ).toBe('passed');
  });

  test('when anyone blocks, then the motion is rejected whatever the approvals', () => {
    expect(
      decide(
        motion(3, [
          ['a', 'approve'],
          ['b', 'approve'],
          ['c', 'block'],
        ]),
      ),
    ).toBe('rejected');
    expect(decide(motion(3, [['a', 'block']]))).toBe('rejected');
  });

  test('when a majority can no longer be reached, then the motion is rejected without waiting', () => {
    expect(
      decide(
        motion(5, [
          ['a', 'reject'],
          ['b', 'reject'],
          ['c', 'abstain'],
        ]),
      ),
    ).toBe('rejected');
    expect(
      decide(
        motion(5, [
          ['a', 'reject'],
          ['b', 'reject'],
        ]),
      ),
    ).toBe('open');
  });

  test("when the proposer's approval is the only one, then it never decides alone", () => {
    expect(decide(motion(1, [['tl', 'approve']]))).toBe('rejected');
    expect(
      decide(
        motion(3, [
          ['tl', 'approve'],
          ['a', 'approve'],
        ]),
      ),
    ).toBe('passed');
  });

  test('when the candidate or a repeat voter votes, then the vote is refused', () => {
    expect(voteRefusal(motion(3, []), { keyId: 'k', contributorId: 'santa' })).toContain('own case');
    expect(voteRefusal(motion(3, [['a', 'abstain']]), { keyId: 'a' })).toContain('already voted');
    expect(voteRefusal(motion(3, [['a', 'block']]), { keyId: 'b' })).toContain('already decided');
    expect(voteRefusal(motion(3, []), { keyId: 'b', contributorId: 'other' })).toBeUndefined();
  });
});
