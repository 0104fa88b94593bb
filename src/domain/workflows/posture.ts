import type { Urgency } from './workflow-definition.js';

/**
 * The posture of an arrangement (issue #15): SOSAs promise mutual supply "in peacetime, emergency
 * and armed conflict" (dpas-sosa.md §1). The law gives no clocks per posture; the workflows do, as
 * data: every working-day deadline has a count per urgency (routine / emergency / armed_conflict,
 * workflow-definition.ts `days`). A request submitted while the arrangement is in emergency or
 * armed conflict runs on the clock of the more urgent of its own urgency and the posture.
 */
export const POSTURES = ['peacetime', 'emergency', 'armed_conflict'] as const;
export type Posture = (typeof POSTURES)[number];

const RANK: Record<Urgency, number> = { routine: 0, emergency: 1, armed_conflict: 2 };
const AS_URGENCY: Record<Posture, Urgency> = { peacetime: 'routine', emergency: 'emergency', armed_conflict: 'armed_conflict' };

/** The urgency whose clocks a request's deadlines use: its own, or the posture's when that is more urgent. */
export function clockUrgency(urgency: Urgency, posture: Posture): Urgency {
  const raised = AS_URGENCY[posture];
  return RANK[raised] > RANK[urgency] ? raised : urgency;
}

export const POSTURE_LABELS: Record<Posture, string> = { peacetime: 'Peacetime', emergency: 'Emergency', armed_conflict: 'Armed conflict' };
