import { isCompanyUser, knowsCompany, mayRead, type BorderReader, type Origin, type RequestFacts } from './request.js';

/**
 * The border on a request's threads. A thread on a request is content on that request: whoever
 * opened it is its origin, so a thread a routed company opened (its title is the company's words)
 * stays with the supplying nation's officials and that company until the company performs, like
 * the company's comments. Each message is content by its author in the same way.
 *
 * An author the reader may not know of (a routed company that has not committed, a supplier whose
 * order was rejected) is never shown as "a company of India" or relayed as the SOSA cell's: the
 * words are the company's, and showing them under another name would still tell the other nation
 * that India asked companies and what one of them answered. Such a message is withheld whole, and
 * so is any notice of it; the reader sees the thread without it (or no thread, if the company
 * opened it). A mention names only users the author may know of, so a mention cannot probe the
 * shortlist either.
 */
export interface RequestThreadSubject {
  request: RequestFacts;
  /** Who opened the thread: its nation, its company if a company did, shared or internal (one nation). */
  creator: Origin;
}

export function threadCreatorOrigin(creator: { nation: string; organisationId: string; isCompany: boolean }, nations: readonly string[]): Origin {
  return { nation: creator.nation, visibility: nations.length === 1 ? 'internal' : 'shared', companies: creator.isCompany ? [creator.organisationId] : [] };
}

export function mayReadRequestThread(reader: BorderReader, subject: RequestThreadSubject): boolean {
  return mayRead(reader, subject.request, subject.creator);
}

export function mayReadRequestMessage(reader: BorderReader, subject: RequestThreadSubject, message: Origin): boolean {
  return mayReadRequestThread(reader, subject) && mayRead(reader, subject.request, message);
}

/** Whether `author` may name `user` on the request (in a mention, or in a list of mentions shown to a reader). */
export function mayKnowUser(author: BorderReader, request: RequestFacts | null, user: BorderReader): boolean {
  if (!isCompanyUser(user)) return true;
  return request !== null && knowsCompany(author, request, user.organisationId);
}
