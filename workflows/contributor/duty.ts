/** Something the upkeep loop does when its time comes (see upkeep.ts). */
export interface Duty {
  /** Names the duty across turns of the loop: the one found due is the one done. */
  kind: string;
  /** Workflow time, in milliseconds, from which it is due. */
  at: number;
  act: () => Promise<void>;
}
