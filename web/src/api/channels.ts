// Communication channels: threads on a subject, notifications and their preferences.
import type { Visibility } from './types.js';
import { query, request } from './client.js';

export type ThreadSubjectKind = 'request' | 'working_group' | 'program' | 'general';
export type NotificationKind =
  | 'mention'
  | 'thread_message'
  | 'request_assigned'
  | 'deadline_escalated'
  | 'request_waiting'
  | 'request_update'
  | 'rated_order_desk'
  | 'spa_request'
  | 'action_item'
  | 'calendar_missing';

export interface ThreadSummary {
  id: string;
  title: string;
  subject: { kind: ThreadSubjectKind; id: string | null; label: string };
  nations: string[];
  internal: boolean;
  createdBy: string;
  createdAt: string;
  messageCount: number;
  lastMessageAt: string | null;
  following: boolean;
}

export interface ThreadMessage {
  id: string;
  author: { username: string; displayName: string; nation: string };
  visibility: Visibility;
  body: string;
  mentions: string[];
  createdAt: string;
}

export interface ThreadDetail extends Omit<ThreadSummary, 'messageCount' | 'lastMessageAt'> {
  mayWrite: boolean;
  mayWriteInternal: boolean;
  messages: ThreadMessage[];
}

export interface NewThread {
  subjectKind: ThreadSubjectKind;
  subjectId?: string;
  title: string;
  scope: 'internal' | 'arrangement';
  arrangementId?: string;
  message?: { body: string; visibility: Visibility };
}

export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

export interface NotificationPreferences {
  channels: Record<NotificationKind, ChannelChoice>;
  emailDigest: 'off' | 'immediate';
  /** A morning e-mail of what is due in the next working days. */
  dailyDigest: boolean;
  email: string | null;
  emailAvailable: boolean;
  kinds: NotificationKind[];
}

export const NOTIFICATION_KIND_LABEL: Record<NotificationKind, string> = {
  mention: 'Someone mentions me',
  thread_message: 'New message in a thread I follow',
  request_assigned: 'A request is put to my organisation',
  deadline_escalated: 'An overdue deadline is escalated to me',
  request_waiting: 'A request waits on me to take the next step',
  request_update: 'A request I am party to is returned, placed, rejected, delayed, delivered or ends',
  rated_order_desk: 'A rated order on my company’s desk needs a decision, changes or is cancelled',
  spa_request: 'A Special Priorities Assistance request I file or review moves on',
  action_item: 'A working-group action item is given to me, closed or overdue',
  calendar_missing: 'A holiday list my nation’s deadlines need is not loaded',
};

export const SUBJECT_KIND_LABEL: Record<ThreadSubjectKind, string> = {
  request: 'Request',
  working_group: 'Working group',
  program: 'Program',
  general: 'General',
};

export const channelsApi = {
  listThreads: (f: { subjectKind?: ThreadSubjectKind | ''; subjectId?: string; q?: string; following?: boolean; limit?: number; offset?: number }) =>
    request<{ items: ThreadSummary[]; total: number }>('GET', `/threads${query({ subjectKind: f.subjectKind, subjectId: f.subjectId, q: f.q, following: f.following ? 'true' : undefined, limit: f.limit, offset: f.offset })}`),
  getThread: (id: string) => request<ThreadDetail>('GET', `/threads/${encodeURIComponent(id)}`),
  createThread: (body: NewThread) => request<ThreadDetail>('POST', '/threads', body),
  postMessage: (id: string, body: string, visibility: Visibility) => request<ThreadDetail>('POST', `/threads/${encodeURIComponent(id)}/messages`, { body, visibility }),
  follow: (id: string, following: boolean) => request<ThreadDetail>('POST', `/threads/${encodeURIComponent(id)}/follow`, { following }),

  notifications: (f: { unread?: boolean; limit?: number } = {}) => request<{ items: AppNotification[]; unread: number }>('GET', `/notifications${query({ unread: f.unread ? 'true' : undefined, limit: f.limit })}`),
  unreadCount: () => request<{ unread: number }>('GET', '/notifications/unread-count'),
  markRead: (body: { ids: string[] } | { all: true }) => request<{ marked: number; unread: number }>('POST', '/notifications/read', body),
  preferences: () => request<NotificationPreferences>('GET', '/me/notification-preferences'),
  savePreferences: (body: { channels?: Partial<Record<NotificationKind, Partial<ChannelChoice>>>; emailDigest?: 'off' | 'immediate'; dailyDigest?: boolean; email?: string | null }) =>
    request<NotificationPreferences>('PUT', '/me/notification-preferences', body),
};

/** Tells the bell to look again (after a notification is read elsewhere). */
export const NOTIFICATIONS_CHANGED = 'sosa:notifications-changed';
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
