import { isCompanyUser, mayReadInternal } from '../access/request-visibility.js';
import type { Actor } from '../workflows/workflow-engine.js';

/**
 * Who may see a thread and each of its messages — the sovereignty rule (DESIGN.md) applied to
 * communication channels: a thread belongs to the nations party to its subject (fixed when it is
 * created); a company sees only threads on requests put to it; an internal message is for the
 * officials of its author's nation only — never shown, counted or notified to anyone else.
 */
export type ThreadSubjectKind = 'request' | 'working_group' | 'program' | 'general';
export const THREAD_SUBJECT_KINDS = ['request', 'working_group', 'program', 'general'] as const;

export interface ThreadScope {
  subjectKind: ThreadSubjectKind;
  nations: readonly string[];
}

export type Viewer = Pick<Actor, 'nation' | 'roles'>;

/**
 * May `viewer` see the thread? For a request thread the caller also tells whether the viewer may
 * read the request itself (its nation and, for a company, its assignment): a request thread is
 * never wider than its request.
 */
export function mayViewThread(viewer: Viewer, thread: ThreadScope, mayReadSubject: boolean): boolean {
  if (!thread.nations.includes(viewer.nation)) return false;
  // A thread of one nation only is that nation's internal deliberation: officials only.
  if (thread.nations.length === 1 && isCompanyUser(viewer)) return false;
  if (thread.subjectKind === 'request') return mayReadSubject;
  // Working groups, programs and general channels are between officials; a company sees only
  // the threads on requests put to it.
  return !isCompanyUser(viewer);
}

export interface MessageScope {
  visibility: 'shared' | 'internal';
  nation: string;
}

export function mayViewMessage(viewer: Viewer, thread: ThreadScope, message: MessageScope, mayReadSubject: boolean): boolean {
  if (!mayViewThread(viewer, thread, mayReadSubject)) return false;
  return message.visibility === 'shared' || mayReadInternal(viewer as Actor, message.nation);
}

/** Auditors read and change nothing; on a request only those who work it write (as comments). */
const REQUEST_WRITERS = ['sosa_officer', 'program_determination', 'rating_authority', 'supplier'] as const;
export function mayWriteInThread(viewer: Viewer, thread: ThreadScope): boolean {
  if (thread.subjectKind === 'request') return viewer.roles.some((r) => (REQUEST_WRITERS as readonly string[]).includes(r));
  return viewer.roles.some((r) => r !== 'auditor');
}

export interface Candidate extends Viewer {
  userId: string;
  username: string;
  /** For request threads: whether this user may read the request. */
  mayReadSubject: boolean;
}

export interface RecipientInput {
  thread: ThreadScope;
  message: MessageScope;
  authorId: string;
  /** Users mentioned by name in the message. */
  mentioned: readonly Candidate[];
  /** Followers, the creator and participants of the thread. */
  followers: readonly Candidate[];
}

export interface Recipients {
  /** Mentioned users that may not see the message: the post is refused, naming them. */
  refusedMentions: string[];
  mention: Candidate[];
  threadMessage: Candidate[];
}

/**
 * Who is told about a new message, computed only from who may see it: a mentioned user gets a
 * mention (not also a thread notice); a follower a thread notice; the author nothing. Anyone who
 * may not see the message gets nothing — an internal message reaches no one of another nation
 * and no company, by construction.
 */
export function computeRecipients(input: RecipientInput): Recipients {
  const sees = (c: Candidate) => mayViewMessage(c, input.thread, input.message, c.mayReadSubject);
  const refusedMentions = input.mentioned.filter((c) => !sees(c)).map((c) => c.username);
  const mention = unique(input.mentioned.filter((c) => c.userId !== input.authorId && sees(c)));
  const mentionedIds = new Set(mention.map((c) => c.userId));
  const threadMessage = unique(input.followers.filter((c) => c.userId !== input.authorId && !mentionedIds.has(c.userId) && sees(c)));
  return { refusedMentions, mention, threadMessage };
}

function unique(list: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.userId) ? false : (seen.add(c.userId), true)));
}
