import { AppError } from '../../domain/errors.js';
import { daysUntil } from '../../domain/partnership/posting-overlap.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { listPostingDocumentRows, listPostingRows, type DocumentInput } from '../../store/liaison.repository.js';
import type { PostingStatus } from '../../store/schema.js';
import type { ApiSchema } from '../../contract/api-schema.js';

export type { DocumentInput } from '../../store/liaison.repository.js';


export interface PostingInput {
  officerName: string;
  officerRank: string;
  serviceNumber: string;
  hostNation: string;
  hostCommand: string;
  location: string;
  startDate: string;
  endDate: string | null;
  status: PostingStatus;
  hostPoc: { name: string; email: string };
  notes: string;
  documents: DocumentInput[];
}

/** A posting as the liaison routes declare it. */
export type PostingView = ApiSchema<'LiaisonPosting'>;

export function postingNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', { detail: `No liaison officer posting ${id} that you may see.` });
}

/** Both nations' officers see a posting in which their nation sends or hosts. */
export function seesPosting(actor: Actor, p: { sending_nation: string; host_nation: string }): boolean {
  return p.sending_nation === actor.nation || p.host_nation === actor.nation;
}

export async function loadPostingViews(db: Db, actor: Actor, ids: readonly string[], today: string): Promise<PostingView[]> {
  if (ids.length === 0) return [];
  const rows = await listPostingRows(db, ids);
  const docs = await listPostingDocumentRows(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        officer: { name: r.officer_name, rank: r.officer_rank, serviceNumber: r.service_number },
        sendingNation: r.sending_nation,
        hostNation: r.host_nation,
        hostCommand: r.host_command,
        location: r.location,
        startDate: r.start_date,
        endDate: r.end_date,
        status: r.status,
        daysToEnd: daysUntil(r.end_date, today),
        hostPoc: { name: r.host_poc_name, email: r.host_poc_email },
        notes: r.notes,
        documents: docs.filter((d) => d.posting_id === id).map((d) => ({ id: d.id, title: d.title, number: d.number, issuedOn: d.issued_on })),
        version: r.version,
        canEdit: r.sending_nation === actor.nation && actor.roles.includes('sosa_officer'),
      },
    ];
  });
}
