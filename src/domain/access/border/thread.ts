import { isCompanyUser, knowsCompany, mayRead, mayReadInternal, peerReader, type BorderReader, type Origin, type RequestFacts } from './request.js';

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

/**
 * A message of a thread that is not on a request (a working group's, a program's, a general
 * channel) crosses to a reader when it is shared, or internal to the reader's own nation and the
 * reader one of its officials. The same rule answers a user's read on a shared instance
 * (domain/channels/thread-visibility.ts) and the peer instance's copy (issue #13): a peer reader
 * reads no internal content, so an internal message never leaves its instance.
 */
export function mayReadChannelMessage(reader: BorderReader, message: Origin): boolean {
  return message.visibility === 'shared' || mayReadInternal(reader, message.nation);
}

/**
 * Whether a thread is one the instance of `peerNation` keeps a copy of (issue #13): shared by two
 * nations, the peer's among them. A thread of one nation is its internal deliberation and never
 * crosses. A thread on a request crosses only with its request's facts and opener (`subject`):
 * when the peer's officials would read it on a shared instance (`mayReadRequestThread` with
 * `peerReader`) and an official opened it. A company's words never cross on a thread: whether the
 * other nation may know a company changes with the request's steps (a rejected order, a declined
 * line), and a message once sent cannot be recalled, so they stay on the instance they were
 * written on.
 */
export function threadCrossesTo(thread: { subjectKind: string; nations: readonly string[] }, peerNation: string, subject?: RequestThreadSubject | null): boolean {
  if (thread.nations.length !== 2 || !thread.nations.includes(peerNation)) return false;
  if (thread.subjectKind !== 'request') return true;
  return subject != null && subject.creator.companies.length === 0 && subject.creator.visibility === 'shared' && mayReadRequestThread(peerReader(peerNation), subject);
}

/** A thread as it crosses: what it is about and who opened it, as a person of a nation (never a user id). */
export interface BorderThread {
  id: string;
  subjectKind: 'request' | 'working_group' | 'program' | 'general';
  subjectId: string | null;
  title: string;
  nations: string[];
  arrangementId: string | null;
  createdBy: { displayName: string; nation: string };
  createdAt: string;
}

/** A thread message as it crosses: the words, when, and who wrote them as a person of a nation and organisation. */
export interface BorderThreadMessage {
  id: string;
  author: { displayName: string; nation: string; organisation: string | null };
  visibility: 'shared';
  body: string;
  createdAt: string;
}

/**
 * The message as the instance of `peerNation` gets it, or null when it does not cross: the thread
 * must cross to that nation, and the message pass the border for the peer (standing as that
 * nation's officials): `mayReadChannelMessage`, or on a request `mayReadRequestMessage` with the
 * request's facts (`subject`), and be an official's (a company's words stay, `threadCrossesTo`).
 * Mentions do not cross: they name accounts of this instance.
 */
export function borderThreadMessage(
  peer: BorderReader,
  thread: { subjectKind: string; nations: readonly string[] },
  message: { id: string; nation: string; visibility: 'shared' | 'internal'; body: string; created_at: Date; display_name: string; organisation: string | null },
  request?: { subject: RequestThreadSubject | null; author: Origin },
): BorderThreadMessage | null {
  if (!threadCrossesTo(thread, peer.nation, request?.subject)) return null;
  if (thread.subjectKind === 'request') {
    if (!request?.subject || request.author.companies.length > 0 || request.author.nation !== message.nation) return null;
    if (!mayReadRequestMessage(peer, request.subject, { ...request.author, visibility: message.visibility })) return null;
  } else if (!mayReadChannelMessage(peer, { nation: message.nation, visibility: message.visibility, companies: [] })) return null;
  if (message.visibility !== 'shared') return null;
  return { id: message.id, author: { displayName: message.display_name, nation: message.nation, organisation: message.organisation }, visibility: 'shared', body: message.body, createdAt: message.created_at.toISOString() };
}
