// Posture per arrangement (issue #15): peacetime, emergency, armed conflict — read by the SOSA
// officers and auditors of both nations, set by the SOSA officers (src/services/posture/posture-access.ts).
import { call, client } from './client.js';
import type { Schema } from './contract.js';

export type Posture = Schema<'ArrangementPosture'>['posture'];

export const POSTURE_LABELS: Record<Posture, string> = { peacetime: 'Peacetime', emergency: 'Emergency', armed_conflict: 'Armed conflict' };
export const POSTURE_ORDER: readonly Posture[] = ['peacetime', 'emergency', 'armed_conflict'];
/** Who reads the posture, and who sets it (as the API allows). */
export const POSTURE_READER_ROLES = ['sosa_officer', 'auditor'] as const;
export const POSTURE_SETTER_ROLES = ['sosa_officer'] as const;

export const posturesApi = {
  list: () => call(client.GET('/postures')),
  set: (arrangementId: string, posture: Posture, note: string) => call(client.PUT('/postures/{arrangementId}', { params: { path: { arrangementId } }, body: { posture, note } })),
};

/** An arrangement with its posture and history, as GET /postures answers. */
export type ArrangementPosture = Awaited<ReturnType<typeof posturesApi.list>>['items'][number];
