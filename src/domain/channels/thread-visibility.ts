import { isCompanyUser, mayKnowUser, mayReadChannelMessage, mayReadRequestMessage, mayReadRequestThread, type BorderReader, type Origin, type RequestThreadSubject } from '../access/border/index.js';

/**
 * Who may see a thread and each of its messages — the sovereignty rule (DESIGN.md) applied to
 * communication channels: a thread belongs to the nations party to its subject (fixed when it is
 * created); a thread on a request is content on that request and passes the request's border
 * (access/border/thread.ts): never wider than the request, a company's thread or message only to
 * those who may know that company; an internal message is for the officials of its author's
 * nation only — never shown, counted or notified to anyone else.
 */
export type ThreadSubjectKind = 'request' | 'working_group' | 'program' | 'general';
export const THREAD_SUBJECT_KINDS = ['request', 'working_group', 'program', 'general'] as const;

export interface ThreadScope {
  subjectKind: ThreadSubjectKind;
  nations: readonly string[];
}

export type Viewer = BorderReader;

/**
 * May `viewer` see the thread? A request thread needs its request's facts and its creator
 * (`subject`); without them (a request that no longer exists) nobody sees it.
 */
export function mayViewThread(viewer: Viewer, thread: ThreadScope, subject: RequestThreadSubject | null): boolean {
  if (!thread.nations.includes(viewer.nation)) return false;
  // A thread of one nation only is that nation's internal deliberation: officials only.
  if (thread.nations.length === 1 && isCompanyUser(viewer)) return false;
  if (thread.subjectKind === 'request') return subject !== null && mayReadRequestThread(viewer, subject);
  // Working groups, programs and general channels are between officials; a company sees only
  // the threads on requests put to it.
  return !isCompanyUser(viewer);
}

export function mayViewMessage(viewer: Viewer, thread: ThreadScope, subject: RequestThreadSubject | null, message: Origin): boolean {
  if (!mayViewThread(viewer, thread, subject)) return false;
  if (thread.subjectKind === 'request') return subject !== null && mayReadRequestMessage(viewer, subject, message);
  return mayReadChannelMessage(viewer, message);
}

/** Auditors read and change nothing; on a request only those who work it write (as comments). */
const REQUEST_WRITERS = ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'] as const;
export function mayWriteInThread(viewer: Pick<Viewer, 'roles'>, thread: ThreadScope): boolean {
  if (thread.subjectKind === 'request') return viewer.roles.some((r) => (REQUEST_WRITERS as readonly string[]).includes(r));
  return viewer.roles.some((r) => r !== 'auditor');
}

export interface Candidate extends Viewer {
  userId: string;
  username: string;
}

export interface RecipientInput {
  thread: ThreadScope;
  /** The request and the thread's creator, for a thread (or a comment) on a request. */
  subject: RequestThreadSubject | null;
  message: Origin;
  author: Candidate;
  /** Users mentioned by name in the message. */
  mentioned: readonly Candidate[];
  /** Followers, the creator and participants of the thread. */
  followers: readonly Candidate[];
}

export interface Recipients {
  /** Mentioned users that may not see the message, or that the author may not know of: the post is refused, naming them as given. */
  refusedMentions: string[];
  mention: Candidate[];
  threadMessage: Candidate[];
}

/**
 * Who is told about a new message, computed only from who may see it: a mentioned user gets a
 * mention (not also a thread notice); a follower a thread notice; the author nothing. Anyone who
 * may not see the message gets nothing — an internal message reaches no one of another nation
 * and no company, a company's message no one who may not know of that company, by construction.
 * A mention of someone the author may not know of (another company on the request) is refused
 * exactly like one of a user who does not exist.
 */
export function computeRecipients(input: RecipientInput): Recipients {
  const sees = (c: Candidate) => mayViewMessage(c, input.thread, input.subject, input.message);
  const nameable = (c: Candidate) => mayKnowUser(input.author, input.subject?.request ?? null, c);
  const refusedMentions = input.mentioned.filter((c) => !sees(c) || !nameable(c)).map((c) => c.username);
  const mention = unique(input.mentioned.filter((c) => c.userId !== input.author.userId && sees(c) && nameable(c)));
  const mentionedIds = new Set(mention.map((c) => c.userId));
  const threadMessage = unique(input.followers.filter((c) => c.userId !== input.author.userId && !mentionedIds.has(c.userId) && sees(c)));
  return { refusedMentions, mention, threadMessage };
}

function unique(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.userId) ? false : (seen.add(c.userId), true)));
}
