import type { Role } from '../../workflows/workflow-definition.js';

/**
 * The border on a request (DESIGN.md, sovereignty rule):
 * - the request is read by the users of its two nations; a company only while its line is live
 *   (routed to it and not yet answered, its rated order placed, or its commitment accepted) — a
 *   company whose order was rejected or replaced, or which declined, reads it no more (404);
 * - companies on a request are known to the supplying nation's officials; a company knows only
 *   itself; the requesting nation knows only the company that performs (the one holding the
 *   placed rated order or the accepted commitment) — never the Code of Conduct shortlist;
 * - content (a step, its fields, a comment, a file, a thread, a message) crosses to a reader
 *   when the reader may read the request, its visibility allows (an internal note: officials of
 *   the writer's nation only), and the reader may know every company whose line it is on.
 */

/** Who reads: any user, or the peer instance of a nation standing as its officials. */
export interface BorderReader {
  nation: string;
  organisationId: string;
  roles: readonly Role[];
  /** Set for another nation's instance reading through a message (federation), never for a user. */
  instance?: 'peer';
}

export type AssignmentStatus = 'pending' | 'placed' | 'accepted' | 'declined' | 'superseded';

/** A company's line is live while it is asked or performs; declined and superseded lines are closed. */
export const LIVE_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['pending', 'placed', 'accepted'];

export interface RequestFacts {
  fromNation: string;
  toNation: string;
  arrangementId: string;
  /** The company that performs: it holds the placed rated order or the accepted commitment. */
  supplierOrganisationId: string | null;
  assignments: ReadonlyArray<{ organisationId: string; status: AssignmentStatus }>;
}

export function isCompanyUser(reader: Pick<BorderReader, 'roles'>): boolean {
  return reader.roles.includes('supplier');
}

/** The peer instance of `nation` as a reader (federation): it stands as that nation's officials. */
export function peerReader(nation: string): BorderReader {
  return { nation, organisationId: '', roles: ['sosa_officer'], instance: 'peer' };
}

export type ReadBasis = { kind: 'own_nation' } | { kind: 'arrangement'; arrangementId: string } | { kind: 'assigned_company' };

/** Why this reader may read the request, or null (answered as 404, never 403). */
export function readBasis(reader: BorderReader, request: RequestFacts): ReadBasis | null {
  if (reader.nation !== request.fromNation && reader.nation !== request.toNation) return null;
  if (isCompanyUser(reader)) {
    const own = request.assignments.find((a) => a.organisationId === reader.organisationId);
    return own && LIVE_ASSIGNMENT_STATUSES.includes(own.status) ? { kind: 'assigned_company' } : null;
  }
  return reader.nation === request.fromNation ? { kind: 'own_nation' } : { kind: 'arrangement', arrangementId: request.arrangementId };
}

/**
 * Internal notes and steps: officials of the nation that wrote them only (a company is not one).
 * Never a peer instance: a message is kept by both instances as evidence, so an internal note
 * written on the other nation's instance (a shared deployment's users) would rest in that
 * nation's outbox; it stays where it was written (DESIGN.md, sovereignty rule).
 */
export function mayReadInternal(reader: BorderReader, nationOfItem: string): boolean {
  return reader.instance !== 'peer' && reader.nation === nationOfItem && !isCompanyUser(reader);
}

/**
 * Which companies on a request a reader may know of, as data, so that SQL filters (lists, counts)
 * interpret the same rule as {@link knowsCompany}: a company knows itself; an official knows every
 * company when its nation supplies the request, else only the one that performs.
 */
export type CompanyKnowledge = { kind: 'own_company'; organisationId: string } | { kind: 'official'; nation: string };

export function companyKnowledge(reader: BorderReader): CompanyKnowledge {
  return isCompanyUser(reader) ? { kind: 'own_company', organisationId: reader.organisationId } : { kind: 'official', nation: reader.nation };
}

export function knowsCompany(reader: BorderReader, request: Pick<RequestFacts, 'toNation' | 'supplierOrganisationId'>, companyId: string): boolean {
  const k = companyKnowledge(reader);
  if (k.kind === 'own_company') return companyId === k.organisationId;
  return request.toNation === k.nation || companyId === request.supplierOrganisationId;
}

/** Where a piece of content on a request comes from. */
export interface Origin {
  /** The nation of whoever wrote it. */
  nation: string;
  visibility: 'shared' | 'internal';
  /**
   * The companies whose line it is on: its author's company when a company wrote it, or the
   * companies an official's step names (the supplier of a rated order, the routed companies).
   * Empty for the request's own record.
   */
  companies: readonly string[];
}

/** Whether `origin`'s content crosses to `reader` (the one rule every request read applies). */
export function mayRead(reader: BorderReader, request: RequestFacts, origin: Origin): boolean {
  if (!readBasis(reader, request)) return false;
  if (origin.visibility === 'internal' && !mayReadInternal(reader, origin.nation)) return false;
  return origin.companies.every((c) => knowsCompany(reader, request, c));
}

/** The origin of a comment, a file, a thread or a message by an author (its company, when it is one). */
export function authoredOrigin(author: { nation: string; organisationId: string; isCompany: boolean }, visibility: 'shared' | 'internal'): Origin {
  return { nation: author.nation, visibility, companies: author.isCompany ? [author.organisationId] : [] };
}

/** The company lines the reader may see: all, its own, or the performing company's (in the order given). */
export function visibleAssignments<T extends { organisationId: string }>(reader: BorderReader, request: RequestFacts, assignments: readonly T[]): T[] {
  return assignments.filter((a) => knowsCompany(reader, request, a.organisationId));
}
