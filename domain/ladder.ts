/**
 * A ladder as data: its levels, what it takes to enter each, and the
 * documents candidates agree to. Pure types and functions: workflows use them.
 */
export interface AgreementDocument {
  title: string;
  version: string;
  url: string;
}

export interface AgreementGate {
  agreement: string;
}

/** A fact only a person can establish, recorded by the team leader. */
export interface CheckGate {
  check: string;
  title: string;
}

export type Gate = AgreementGate | CheckGate;

export interface Level {
  id: string;
  name: string;
  requires: { all: Gate[] };
}

export interface Ladder {
  id: string;
  name: string;
  documents: Record<string, AgreementDocument>;
  levels: Level[];
}

export type StepKind = 'agreement' | 'check';
/** Who may complete a step: the candidate from an emailed link, or the team leader through the API. */
export type StepActor = 'candidate' | 'team-leader';

export interface StepDefinition {
  id: string;
  kind: StepKind;
  title: string;
  completedBy: StepActor;
  document?: AgreementDocument & { id: string };
}

export function isAgreementGate(gate: Gate): gate is AgreementGate {
  return 'agreement' in gate;
}

/** The steps a contributor completes to enter `level`, with stable ids. */
export function stepsToEnter(ladder: Ladder, level: Level): StepDefinition[] {
  return level.requires.all.map((gate): StepDefinition => {
    if (isAgreementGate(gate)) {
      const document = ladder.documents[gate.agreement];
      if (!document) throw new Error(`ladder ${ladder.id}: level ${level.id} requires unknown document ${gate.agreement}`);
      return {
        id: `agreement:${gate.agreement}`,
        kind: 'agreement',
        title: `Sign the ${document.title} (${gate.agreement})`,
        completedBy: 'candidate',
        document: { id: gate.agreement, ...document },
      };
    }
    return { id: `check:${gate.check}`, kind: 'check', title: gate.title, completedBy: 'team-leader' };
  });
}
