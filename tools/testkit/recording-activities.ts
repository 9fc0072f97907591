import type { Activities } from '../../activities';

export interface Call {
  name: keyof Activities;
  input: Record<string, unknown>;
}

type Answers = {
  [K in keyof Activities]?: (input: Parameters<Activities[K]>[0]) => Awaited<ReturnType<Activities[K]>>;
};

/** What the world answers when a test says nothing: nobody to list, every condition holding. */
const DEFAULT_ANSWERS: Answers = {
  sponsoredBy: () => [],
  listPeers: () => [],
  sponsorStanding: () => null,
  checkCondition: () => ({ holds: true, detail: 'holds (test)' }),
  grantAccess: () => 'done',
  revokeAccess: () => 'done',
  lastSeenOn: () => null,
  sendNotice: () => ({ as: 'team-leader' }),
};

const NAMES: (keyof Activities)[] = [
  'registerContributor',
  'recordLevel',
  'sendStepLinks',
  'sendNotice',
  'saveMotion',
  'closeMotion',
  'fileDispute',
  'saveDispute',
  'recordAudit',
  'sponsorStanding',
  'sendSponsorLink',
  'recordSponsorship',
  'sponsoredBy',
  'listPeers',
  'sendPeerVoteLink',
  'checkCondition',
  'grantAccess',
  'revokeAccess',
  'recordIdentities',
  'projectView',
  'lastSeenOn',
];

/**
 * Activities that only record their calls, for workflow tests: the
 * workflow's decisions, without the world. `answers` stands in for what the
 * world would say (a condition, the peers on the ladder).
 */
export function recordingActivities(answers: Answers = {}): {
  calls: Call[];
  activities: Activities;
  named: (name: keyof Activities) => Record<string, unknown>[];
} {
  const calls: Call[] = [];
  const answer = { ...DEFAULT_ANSWERS, ...answers } as Record<string, ((input: unknown) => unknown) | undefined>;
  const activities = Object.fromEntries(
    NAMES.map((name) => [
      name,
      async (input: Record<string, unknown>) => {
        calls.push({ name, input });
        const given = answer[name];
        return given ? given(input) : { messageId: `<${calls.length}@test>` };
      },
    ]),
  ) as unknown as Activities;
  return { calls, activities, named: (name) => calls.filter((c) => c.name === name).map((c) => c.input) };
}
