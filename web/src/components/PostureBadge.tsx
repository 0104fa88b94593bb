import { POSTURE_LABELS, type Posture } from '../api/postures.js';

// The urgency colours: a posture raises new requests to that urgency's clocks (src/domain/workflows/posture.ts).
const TONE: Record<Posture, string> = { peacetime: 'urgency-routine', emergency: 'urgency-emergency', armed_conflict: 'urgency-armed_conflict' };

export function PostureBadge({ posture }: { posture: Posture }) {
  return <span className={`badge ${TONE[posture]}`} data-testid="posture-badge" data-posture={posture}>{POSTURE_LABELS[posture]}</span>;
}
