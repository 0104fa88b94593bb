import { decodeJwt } from 'jose';
import { listContributions } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';

/**
 * What this nation's officials added on a copy (issue #13, add-to-partner-copy.ts), as the copy
 * shows it: `internal`, a comment kept on this instance only; `pending`, sent to the holder and not
 * yet applied there (on its way, or taken in and its answer not here yet); `applied`, the holder's
 * answer came (`request.contribution_applied`): it keeps it as this official's, and a comment then
 * shows in the holder's own list too; `refused`, the holder refused it, with its reason as it
 * signed it (`refusal`).
 */
export interface ContributionView {
  id: string;
  kind: 'comment' | 'attachment';
  visibility: 'shared' | 'internal';
  body: string | null;
  file: { filename: string; contentType: string; size: number; sha256: string } | null;
  author: { displayName: string; nation: string; organisation: string };
  createdAt: string;
  state: ContributionState;
  appliedAt: string | null;
  refusal: { reason: string; detail: string } | null;
  messageId: string | null;
}

export type ContributionState = 'internal' | 'pending' | 'applied' | 'refused';

export async function listCopyContributions(ctx: AppContext, peerNation: string, requestId: string): Promise<ContributionView[]> {
  const rows = await listContributions(ctx.store.db, peerNation, requestId);
  return rows.map((r) => {
    const state: ContributionState = r.visibility === 'internal' ? 'internal' : r.applied_at ? 'applied' : r.delivery === 'refused' ? 'refused' : 'pending';
    return {
      id: r.id,
      kind: r.kind,
      visibility: r.visibility,
      body: r.body,
      file: r.kind === 'attachment' ? { filename: r.filename ?? '', contentType: r.content_type ?? '', size: r.size ?? 0, sha256: r.sha256 ?? '' } : null,
      author: { displayName: r.display_name, nation: r.nation, organisation: r.organisation_name },
      createdAt: new Date(r.created_at).toISOString(),
      state,
      appliedAt: r.applied_at ? new Date(r.applied_at).toISOString() : null,
      refusal: state === 'refused' ? { reason: r.refusal_reason ?? 'refused', detail: refusalDetail(r.receipt) } : null,
      messageId: r.message_id,
    };
  });
}

/** The holder's words on why it refused, from its signed refusal receipt (verified when it came back). */
function refusalDetail(receipt: string | null): string {
  if (!receipt) return '';
  try {
    const refusal = (decodeJwt(receipt) as { refusal?: { detail?: unknown } }).refusal;
    return typeof refusal?.detail === 'string' ? refusal.detail : '';
  } catch {
    return '';
  }
}
