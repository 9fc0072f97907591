import { consoleEn } from './console-en';

/**
 * Every text a candidate, sponsor or peer reads, in English: the catalogue
 * other languages are checked against (test/unit/catalogue.test.ts).
 * Placeholders are {{name}}; a key ending _one/_other is chosen by {{count}}.
 */
export const en = {
  console: consoleEn,
  page: {
    footer: 'Sent by trustladder for {{ladder}}.',
    footerPlain: 'trustladder',
  },
  link: {
    whatNow: 'If you still need to complete this step, ask your team leader to send you a new link.',
    invalid: { title: 'This link is not valid', detail: 'It may have been copied incompletely.' },
    tooLong: {
      title: 'This link is not valid',
      detail: 'It is longer than any link we send: it may have been joined with other text when it was copied.',
    },
    expired: { title: 'This link has expired', detail: 'Links work for a limited time only.' },
    unknown: { title: 'This link is not known', detail: 'We have no record of it.' },
    used: { title: 'This link has already been used', detail: 'Each link works once, and it was used already.' },
    closed: { title: 'This step is closed', detail: 'It is done or no longer needed: nothing more to do here.' },
    crossSite: {
      title: 'Please use the page from your email',
      detail:
        'This answer was sent from another website, so it was not accepted. Open the link from your email and answer on its page.',
    },
    incomplete: 'Not complete yet',
    backWorks: 'Nothing was recorded, and your link still works: please try again below.',
  },
  problem: {
    400: { title: 'This request could not be read', detail: 'Something in it is not as expected.' },
    404: { title: 'Page not found', detail: 'There is no page at this address.' },
    405: { title: 'Not possible here', detail: 'This page cannot be used that way.' },
    413: { title: 'Too much to send', detail: 'What you sent is longer than this page accepts.' },
    429: {
      title: 'Please wait a moment',
      detail: 'Too many requests came from your address. Try again in a minute.',
    },
    500: { title: 'Something went wrong', detail: 'The problem has been logged. Please try again later.' },
    503: { title: 'Please try again shortly', detail: 'The service is busy or restarting.' },
  },
  step: {
    title: {
      agreement: 'Sign the {{title}} ({{id}})',
      challenge: 'Pass the {{id}} challenge ({{title}})',
      recommendation_one: 'Recommended by {{count}} member at {{level}} or above',
      recommendation_other: 'Recommended by {{count}} members at {{level}} or above',
      peerVote: 'Approved by a majority of the members at {{peers}} or above',
      peerVoteOwner: 'Approved by a member at {{owner}} or above, or a majority of the members at {{peers}} or above',
      tenure: 'Serve at least {{tenure}} at the current level',
      boardApproval: 'The board approves the appointment',
      backgroundCheck: 'Arbitrated Background Check: a positive verdict',
      alive: 'Confirm you are still active',
      stepDown: 'Step down',
    },
    confirm: { intro: 'Please confirm to complete this step.', button: 'Confirm' },
    agreement: {
      intro: 'Before you sign, please read the document:',
      version: 'Version {{version}}',
      read: 'Read the {{title}}',
      fixed: 'The text you agree to is fixed by its SHA-256 digest: {{sha256}}.',
      consent: 'I have read and agree to {{title}}, version {{version}}',
      button: 'Sign',
      missing: 'Please tick the box to say you have read and agree to the document.',
    },
    quiz: {
      intro_one: 'Answer the questions below; {{count}} right answer of {{total}} is enough to pass.',
      intro_other: 'Answer the questions below; {{count}} of {{total}} right answers pass.',
      button: 'Submit my answers',
      missing: 'Please answer every question: "{{question}}" has no valid answer.',
    },
    vote: {
      intro: 'Cast your vote on {{candidate}}. A block refuses on its own.',
      legend: 'Your vote',
      agree: 'Agree',
      abstain: 'Abstain',
      disagree: 'Disagree',
      block: 'Block',
      button: 'Vote',
      missing: 'Please choose one of the answers.',
    },
    vouch: {
      intro:
        'You are asked to vouch for {{candidate}}. You will answer for them: if their trust is broken, the people they were entrusted by are asked to review it.',
      button: 'I vouch for {{candidate}}',
    },
    statement: {
      label: 'Your statement',
      hintOptional:
        'Optional: why you trust them, and what you know of their work. The team leader and the board read it.',
      hintRequired: 'Required for disagree and block: say why. The team leader and the board read it.',
      required: 'Please write a statement saying why you disagree or block.',
      tooLong: 'Your statement is longer than {{max}} characters.',
    },
    alive: {
      intro: 'Confirm that you are still active as {{level}} in {{ladder}}, and keep your place.',
      button: 'I am still active',
    },
    stepDown: {
      intro:
        'Stepping down ends your time as {{level}} in {{ladder}}: your access is removed and you are listed as emeritus. If you come back later, you keep what you have done here.',
      button: 'Step down',
    },
  },
  thanks: {
    done: { title: 'Thank you', detail: 'This step is complete. You can close this page.' },
    open: {
      title: 'Thank you',
      detail: 'Your answer is recorded. If this was a quiz that did not reach the pass mark, a new link is on its way.',
    },
    failed: {
      title: 'Not passed',
      detail: 'This step has ended without success; your team leader can tell you what comes next.',
    },
    'timed-out': { title: 'This step is closed', detail: 'Its deadline passed before your answer arrived.' },
    steppedDown: {
      title: 'You have stepped down',
      detail: 'Thank you for your work. Your access is being removed, and you are listed as emeritus.',
    },
    progress: 'See where you stand',
  },
  progress: {
    title: 'Where you stand',
    hello:
      'Hello {{name}}. This page shows your way up the {{ladder}} ladder. It is yours only: please do not share its link.',
    level: 'Your level',
    none: 'None yet',
    since: 'since {{date}}',
    promotion: 'Your way to {{level}}',
    started: 'Started on {{date}}.',
    deadline: 'Steps that stay open until {{date}} end the attempt.',
    gates: 'Steps',
    state: {
      done: 'Done',
      failed: 'Not passed',
      'timed-out': 'Timed out',
    },
    turn: {
      candidate: 'Your turn: use the link in your email',
      sponsor: 'Waiting for your sponsors',
      peer: 'Waiting for the peers to vote',
      'team-leader': 'Waiting for your team leader',
      board: 'Waiting for the board',
      arbitrator: 'Waiting for arbitration',
      system: 'Checked automatically',
      until: 'Waiting until {{date}}',
    },
    outcome: {
      passed: 'You reached {{level}}.',
      failed: 'The attempt to reach {{level}} ended without success. Your team leader can tell you what comes next.',
      'timed-out': 'The attempt to reach {{level}} ran out of time. Your team leader can start a new one.',
      withdrawn: 'The attempt to reach {{level}} was withdrawn.',
    },
    next: 'What comes next',
    nextLevel: 'The next level is {{level}}. Your team leader proposes you when the time is right.',
    top: 'You hold the top level of this ladder.',
    returning: 'Welcome back: the steps below take you back to {{level}}.',
    left: {
      title: 'You have left this ladder',
      emeritus:
        'You stepped down and are listed as emeritus. Thank you for your work. To come back, ask the team leader.',
      other: 'You are no longer on the {{ladder}} ladder. The team leader can tell you more.',
    },
    validity: 'This page works until {{date}}; each email we send you carries a fresh link.',
    notValid: {
      title: 'This page is not available',
      detail: 'The link is not valid or has expired. The newest email we sent you carries a fresh one.',
    },
  },
  mail: {
    hello: 'Hello {{name}},',
    welcome: {
      subject: 'Welcome to {{ladder}}',
      line: 'welcome to {{ladder}}. To get started, please complete these steps:',
    },
    returning: {
      subject: 'Welcome back to {{ladder}}',
      line: 'welcome back to {{ladder}}. Your way back to {{level}} has begun: the steps that are yours, if any, are below, and your progress page shows the rest.',
    },
    promotion: {
      subject: 'Your way to {{level}} in {{ladder}}',
      line: 'you have been proposed for {{level}} in {{ladder}}. Please complete these steps:',
    },
    reminder: {
      subject: 'Reminder: your steps towards {{level}} in {{ladder}}',
      line: 'these steps towards {{level}} in {{ladder}} are still open. Here are fresh links:',
    },
    retake: {
      subject: 'Another try: your way to {{level}} in {{ladder}}',
      line: 'that attempt did not reach the pass mark, but you have attempts left. Take it again here:',
    },
    ping: {
      subject: 'Are you still with {{ladder}}?',
      line: 'we have not seen you in {{ladder}} for a while. If you want to keep your place as {{level}}, confirm here; if you want to stop, you can step down instead:',
    },
    warning: {
      subject: 'Last call: your place as {{level}} in {{ladder}}',
      line: 'without a sign of life from you, your access as {{level}} in {{ladder}} will be removed soon. To keep it, confirm here; or step down:',
    },
    document: '{{title}}, version {{version}}: {{url}}',
    documentFixed: 'Its text is fixed by the SHA-256 digest {{sha256}}.',
    expires: 'Each link works once and until {{date}}.',
    ignore: 'If you did not expect this message, ignore it: nothing happens until you confirm.',
    progress: 'Where you stand, at any time: {{url}}',
    sponsor: {
      subject: 'Will you vouch for {{candidate}} in {{ladder}}?',
      intro: '{{candidate}} is proposed for {{level}} in {{ladder}}, and you have been named as a sponsor.',
      ask: 'If you know {{candidate}} and trust them with it, vouch for them here, with a few words on why. You will answer for them: if their trust is broken, the people they were entrusted by are asked to review it.',
      expires: 'The link works once and until {{date}}. If you do not want to vouch, ignore this message.',
    },
    peer: {
      subject: 'Your vote: {{candidate}} for {{level}} in {{ladder}}',
      intro: '{{candidate}} is proposed for {{level}} in {{ladder}}, and the peers decide.',
      owner: 'As an owner, your agree or disagree decides on its own.',
      majority: 'The candidate is admitted when a majority of the peers asked agree and nobody blocks.',
      ask: 'Agree, abstain, disagree, or block (a block refuses on its own: use it when you know a reason not to trust them). Disagree and block need a written reason. Vote here:',
      expires: 'The link works once and until {{date}}.',
    },
  },
};

/** The shape every language's catalogue has: the same keys, each a text. */
export type Catalogue = Texts<typeof en>;
type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
