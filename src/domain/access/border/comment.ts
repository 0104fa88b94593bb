import { authoredOrigin, mayRead, type BorderReader, type RequestFacts } from './request.js';

/**
 * Comments on a request across the border (DESIGN.md, sovereignty rule; issue #13): one rule
 * decides which comments a reader sees — a user's read on a shared instance and the peer
 * instance's copy alike — and one shape says what of a crossing comment the other nation's
 * instance gets: the words, when, and who wrote them as a person of a nation and an
 * organisation, never the writer's user id or login name on the instance that holds them.
 */
export interface CommentFacts {
  id: string;
  /** The nation of the writer. */
  nation: string;
  visibility: 'shared' | 'internal';
  body: string;
  created_at: Date;
  display_name: string;
  organisation_id: string;
  organisation_kind: string;
}

/** A comment as it crosses to the other nation's instance. */
export interface BorderComment {
  id: string;
  author: { displayName: string; nation: string; organisation: string | null };
  visibility: 'shared';
  body: string;
  createdAt: string;
}

/** The comments `reader` may read, in the order given (the one filter of every comment read). */
export function crossingComments<T extends Omit<CommentFacts, 'body' | 'created_at' | 'display_name' | 'id'>>(reader: BorderReader, request: RequestFacts, comments: readonly T[]): T[] {
  return comments.filter((c) => mayRead(reader, request, authoredOrigin({ nation: c.nation, organisationId: c.organisation_id, isCompany: c.organisation_kind === 'company' }, c.visibility)));
}

/**
 * The comments the peer instance of `reader.nation` holds: only shared ones cross (an internal
 * note never does, `mayReadInternal`), each in the border shape. `organisationName` names the
 * writer's organisation: a company's name crosses only with its comment, i.e. when the peer may
 * know the company.
 */
export function borderComments(reader: BorderReader, request: RequestFacts, comments: ReadonlyArray<CommentFacts & { organisation_name: string | null }>): BorderComment[] {
  return crossingComments(reader, request, comments)
    .filter((c) => c.visibility === 'shared')
    .map((c) => ({
      id: c.id,
      author: { displayName: c.display_name, nation: c.nation, organisation: c.organisation_name },
      visibility: 'shared' as const,
      body: c.body,
      createdAt: c.created_at.toISOString(),
    }));
}
