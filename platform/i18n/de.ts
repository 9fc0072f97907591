import { consoleDe } from './console-de';
import type { Catalogue } from './en';

/** Every text a candidate, sponsor or peer reads, in German. */
export const de: Catalogue = {
  console: consoleDe,
  page: {
    footer: 'Gesendet von trustladder für {{ladder}}.',
    footerPlain: 'trustladder',
  },
  link: {
    whatNow: 'Wenn du diesen Schritt noch erledigen musst, bitte deine Teamleitung, dir einen neuen Link zu schicken.',
    invalid: { title: 'Dieser Link ist ungültig', detail: 'Vielleicht wurde er unvollständig kopiert.' },
    tooLong: {
      title: 'Dieser Link ist ungültig',
      detail:
        'Er ist länger als jeder Link, den wir verschicken: Vielleicht wurde er beim Kopieren mit anderem Text verbunden.',
    },
    expired: { title: 'Dieser Link ist abgelaufen', detail: 'Links gelten nur für begrenzte Zeit.' },
    unknown: { title: 'Dieser Link ist unbekannt', detail: 'Wir haben keinen Eintrag dazu.' },
    used: {
      title: 'Dieser Link wurde schon benutzt',
      detail: 'Jeder Link funktioniert einmal, und dieser wurde bereits benutzt.',
    },
    closed: {
      title: 'Dieser Schritt ist abgeschlossen',
      detail: 'Er ist erledigt oder nicht mehr nötig: Hier ist nichts mehr zu tun.',
    },
    crossSite: {
      title: 'Bitte benutze die Seite aus deiner E-Mail',
      detail:
        'Diese Antwort kam von einer anderen Website und wurde deshalb nicht angenommen. Öffne den Link aus deiner E-Mail und antworte auf seiner Seite.',
    },
    incomplete: 'Noch nicht vollständig',
    backWorks: 'Es wurde nichts gespeichert, und dein Link funktioniert weiterhin: Bitte versuch es unten noch einmal.',
  },
  problem: {
    400: { title: 'Diese Anfrage ist nicht lesbar', detail: 'Etwas darin ist nicht wie erwartet.' },
    404: { title: 'Seite nicht gefunden', detail: 'Unter dieser Adresse gibt es keine Seite.' },
    405: { title: 'Hier nicht möglich', detail: 'Diese Seite lässt sich so nicht benutzen.' },
    413: { title: 'Zu viel auf einmal', detail: 'Was du geschickt hast, ist länger, als diese Seite annimmt.' },
    429: {
      title: 'Bitte warte einen Moment',
      detail: 'Von deiner Adresse kamen zu viele Anfragen. Versuch es in einer Minute noch einmal.',
    },
    500: {
      title: 'Etwas ist schiefgegangen',
      detail: 'Der Fehler wurde protokolliert. Bitte versuch es später noch einmal.',
    },
    503: { title: 'Bitte versuch es gleich noch einmal', detail: 'Der Dienst ist ausgelastet oder startet neu.' },
  },
  step: {
    title: {
      agreement: '{{title}} ({{id}}) unterzeichnen',
      challenge: 'Die Prüfung {{id}} bestehen ({{title}})',
      recommendation_one: 'Empfohlen von {{count}} Mitglied auf der Stufe {{level}} oder höher',
      recommendation_other: 'Empfohlen von {{count}} Mitgliedern auf der Stufe {{level}} oder höher',
      peerVote: 'Zustimmung der Mehrheit der Mitglieder auf der Stufe {{peers}} oder höher',
      peerVoteOwner:
        'Zustimmung eines Mitglieds auf der Stufe {{owner}} oder höher, oder der Mehrheit der Mitglieder auf der Stufe {{peers}} oder höher',
      tenure: 'Mindestens {{tenure}} auf der jetzigen Stufe',
      boardApproval: 'Der Vorstand stimmt der Ernennung zu',
      backgroundCheck: 'Schiedsgerichtliche Hintergrundprüfung: ein positiver Entscheid',
      alive: 'Bestätigen, dass du noch aktiv bist',
      stepDown: 'Zurücktreten',
    },
    confirm: { intro: 'Bitte bestätige, um diesen Schritt abzuschließen.', button: 'Bestätigen' },
    agreement: {
      intro: 'Bitte lies das Dokument, bevor du unterzeichnest:',
      version: 'Version {{version}}',
      read: '{{title}} lesen',
      fixed: 'Der Text, dem du zustimmst, ist durch seinen SHA-256-Hashwert festgelegt: {{sha256}}.',
      consent: 'Ich habe {{title}}, Version {{version}}, gelesen und stimme zu',
      button: 'Unterzeichnen',
      missing: 'Bitte kreuze das Kästchen an, um zu bestätigen, dass du das Dokument gelesen hast und ihm zustimmst.',
    },
    quiz: {
      intro_one: 'Beantworte die Fragen unten; {{count}} richtige Antwort von {{total}} genügt zum Bestehen.',
      intro_other: 'Beantworte die Fragen unten; {{count}} richtige Antworten von {{total}} genügen zum Bestehen.',
      button: 'Antworten abschicken',
      missing: 'Bitte beantworte jede Frage: „{{question}}“ hat keine gültige Antwort.',
    },
    vote: {
      intro: 'Gib deine Stimme zu {{candidate}} ab. Ein Veto lehnt allein ab.',
      legend: 'Deine Stimme',
      agree: 'Zustimmen',
      abstain: 'Enthalten',
      disagree: 'Ablehnen',
      block: 'Veto',
      button: 'Abstimmen',
      missing: 'Bitte wähle eine der Antworten.',
    },
    vouch: {
      intro:
        'Du wirst gebeten, für {{candidate}} zu bürgen. Du stehst damit für die Person ein: Wird ihr Vertrauen gebrochen, werden alle, die für sie gebürgt haben, um eine Überprüfung gebeten.',
      button: 'Ich bürge für {{candidate}}',
    },
    statement: {
      label: 'Deine Stellungnahme',
      hintOptional:
        'Freiwillig: warum du der Person vertraust und was du von ihrer Arbeit kennst. Teamleitung und Vorstand lesen sie.',
      hintRequired: 'Bei Ablehnung und Veto nötig: Sag, warum. Teamleitung und Vorstand lesen sie.',
      required: 'Bitte schreib eine Stellungnahme, warum du ablehnst oder ein Veto einlegst.',
      tooLong: 'Deine Stellungnahme ist länger als {{max}} Zeichen.',
    },
    alive: {
      intro: 'Bestätige, dass du als {{level}} bei {{ladder}} noch aktiv bist, und behalte deinen Platz.',
      button: 'Ich bin noch aktiv',
    },
    stepDown: {
      intro:
        'Mit dem Rücktritt endet deine Zeit als {{level}} bei {{ladder}}: Deine Zugänge werden entfernt und du wirst als Emeritus geführt. Wenn du später zurückkommst, behältst du, was du hier erreicht hast.',
      button: 'Zurücktreten',
    },
  },
  thanks: {
    done: { title: 'Danke', detail: 'Dieser Schritt ist abgeschlossen. Du kannst diese Seite schließen.' },
    open: {
      title: 'Danke',
      detail:
        'Deine Antwort ist gespeichert. Falls es eine Prüfung war, die nicht bestanden ist, ist ein neuer Link unterwegs.',
    },
    failed: {
      title: 'Nicht bestanden',
      detail: 'Dieser Schritt ist ohne Erfolg beendet; deine Teamleitung sagt dir, wie es weitergeht.',
    },
    'timed-out': {
      title: 'Dieser Schritt ist abgeschlossen',
      detail: 'Seine Frist ist abgelaufen, bevor deine Antwort kam.',
    },
    steppedDown: {
      title: 'Du bist zurückgetreten',
      detail: 'Danke für deine Arbeit. Deine Zugänge werden entfernt, und du wirst als Emeritus geführt.',
    },
    progress: 'Sieh nach, wo du stehst',
  },
  progress: {
    title: 'Wo du stehst',
    hello:
      'Hallo {{name}}. Diese Seite zeigt deinen Weg auf der Leiter {{ladder}}. Sie gehört nur dir: Bitte gib ihren Link nicht weiter.',
    level: 'Deine Stufe',
    none: 'Noch keine',
    since: 'seit {{date}}',
    promotion: 'Dein Weg zur Stufe {{level}}',
    started: 'Begonnen am {{date}}.',
    deadline: 'Schritte, die bis {{date}} offen bleiben, beenden den Versuch.',
    gates: 'Schritte',
    state: {
      done: 'Erledigt',
      failed: 'Nicht bestanden',
      'timed-out': 'Frist abgelaufen',
    },
    turn: {
      candidate: 'Du bist dran: Benutze den Link in deiner E-Mail',
      sponsor: 'Wartet auf deine Bürgen',
      peer: 'Wartet auf die Abstimmung der Mitglieder',
      'team-leader': 'Wartet auf deine Teamleitung',
      board: 'Wartet auf den Vorstand',
      arbitrator: 'Wartet auf das Schiedsgericht',
      system: 'Wird automatisch geprüft',
      until: 'Wartet bis {{date}}',
    },
    outcome: {
      passed: 'Du hast die Stufe {{level}} erreicht.',
      failed:
        'Der Versuch, {{level}} zu erreichen, ist ohne Erfolg beendet. Deine Teamleitung sagt dir, wie es weitergeht.',
      'timed-out': 'Der Versuch, {{level}} zu erreichen, ist abgelaufen. Deine Teamleitung kann einen neuen beginnen.',
      withdrawn: 'Der Versuch, {{level}} zu erreichen, wurde zurückgezogen.',
    },
    next: 'Wie es weitergeht',
    nextLevel: 'Die nächste Stufe ist {{level}}. Deine Teamleitung schlägt dich vor, wenn es so weit ist.',
    top: 'Du hast die höchste Stufe dieser Leiter.',
    returning: 'Willkommen zurück: Die Schritte unten bringen dich zurück zur Stufe {{level}}.',
    left: {
      title: 'Du hast diese Leiter verlassen',
      emeritus:
        'Du bist zurückgetreten und wirst als Emeritus geführt. Danke für deine Arbeit. Wenn du zurückkommen möchtest, wende dich an die Teamleitung.',
      other: 'Du bist nicht mehr auf der Leiter {{ladder}}. Die Teamleitung kann dir mehr sagen.',
    },
    validity: 'Diese Seite funktioniert bis {{date}}; jede E-Mail, die wir dir schicken, enthält einen frischen Link.',
    notValid: {
      title: 'Diese Seite ist nicht verfügbar',
      detail: 'Der Link ist ungültig oder abgelaufen. Die neueste E-Mail von uns enthält einen frischen.',
    },
  },
  mail: {
    hello: 'Hallo {{name}},',
    welcome: {
      subject: 'Willkommen bei {{ladder}}',
      line: 'willkommen bei {{ladder}}. Bitte erledige zum Start diese Schritte:',
    },
    returning: {
      subject: 'Willkommen zurück bei {{ladder}}',
      line: 'willkommen zurück bei {{ladder}}. Dein Weg zurück zur Stufe {{level}} hat begonnen: Die Schritte, die du erledigst, stehen unten, und deine Fortschrittsseite zeigt den Rest.',
    },
    promotion: {
      subject: 'Dein Weg zur Stufe {{level}} bei {{ladder}}',
      line: 'du wurdest für die Stufe {{level}} bei {{ladder}} vorgeschlagen. Bitte erledige diese Schritte:',
    },
    reminder: {
      subject: 'Erinnerung: deine Schritte zur Stufe {{level}} bei {{ladder}}',
      line: 'diese Schritte zur Stufe {{level}} bei {{ladder}} sind noch offen. Hier sind frische Links:',
    },
    retake: {
      subject: 'Noch ein Versuch: dein Weg zur Stufe {{level}} bei {{ladder}}',
      line: 'dieser Versuch hat nicht zum Bestehen gereicht, aber du hast noch Versuche übrig. Versuch es hier noch einmal:',
    },
    ping: {
      subject: 'Bist du noch bei {{ladder}}?',
      line: 'wir haben dich bei {{ladder}} länger nicht gesehen. Wenn du deinen Platz als {{level}} behalten möchtest, bestätige es hier; wenn du aufhören möchtest, kannst du stattdessen zurücktreten:',
    },
    warning: {
      subject: 'Letzter Aufruf: dein Platz als {{level}} bei {{ladder}}',
      line: 'ohne ein Lebenszeichen von dir werden deine Zugänge als {{level}} bei {{ladder}} bald entfernt. Um sie zu behalten, bestätige es hier; oder tritt zurück:',
    },
    document: '{{title}}, Version {{version}}: {{url}}',
    documentFixed: 'Sein Text ist durch den SHA-256-Hashwert {{sha256}} festgelegt.',
    expires: 'Jeder Link funktioniert einmal und bis {{date}}.',
    ignore: 'Falls du diese Nachricht nicht erwartet hast, ignoriere sie: Es passiert nichts, bis du bestätigst.',
    progress: 'Wo du stehst, jederzeit: {{url}}',
    sponsor: {
      subject: 'Bürgst du für {{candidate}} bei {{ladder}}?',
      intro:
        '{{candidate}} ist für die Stufe {{level}} bei {{ladder}} vorgeschlagen, und du wurdest als Bürge genannt.',
      ask: 'Wenn du {{candidate}} kennst und der Person das zutraust, bürge hier für sie, mit ein paar Worten, warum. Du stehst damit für sie ein: Wird ihr Vertrauen gebrochen, werden alle, die für sie gebürgt haben, um eine Überprüfung gebeten.',
      expires:
        'Der Link funktioniert einmal und bis {{date}}. Wenn du nicht bürgen möchtest, ignoriere diese Nachricht.',
    },
    peer: {
      subject: 'Deine Stimme: {{candidate}} für die Stufe {{level}} bei {{ladder}}',
      intro: '{{candidate}} ist für die Stufe {{level}} bei {{ladder}} vorgeschlagen, und die Mitglieder entscheiden.',
      owner: 'Als Verantwortliche oder Verantwortlicher entscheidet deine Zustimmung oder Ablehnung allein.',
      majority: 'Die Person wird aufgenommen, wenn die Mehrheit der Gefragten zustimmt und niemand ein Veto einlegt.',
      ask: 'Zustimmen, enthalten, ablehnen oder Veto (ein Veto lehnt allein ab: Nutze es, wenn du einen Grund kennst, der Person nicht zu vertrauen). Ablehnung und Veto brauchen eine schriftliche Begründung. Stimme hier ab:',
      expires: 'Der Link funktioniert einmal und bis {{date}}.',
    },
  },
};
