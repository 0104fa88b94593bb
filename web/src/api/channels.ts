// Communication channels: threads on a subject, notifications and their preferences.
import type { Visibility } from './types.js';
import { call, client, query } from './client.js';
import type { Answer, Body, Schema } from './contract.js';

export type ThreadDetail = Schema<'Thread'>;
export type ThreadSubjectKind = ThreadDetail['subject']['kind'];
export type ThreadMessage = ThreadDetail['messages'][number];
export type ThreadSummary = Answer<'getThreads'>['items'][number];
export type NewThread = Body<'postThreads'>;

export type AppNotification = Answer<'getNotifications'>['items'][number];
export type NotificationKind = AppNotification['kind'];
export type NotificationPreferences = Schema<'NotificationPreferences'>;
export type ChannelChoice = NotificationPreferences['channels'][NotificationKind];
export type PreferencesChange = Body<'putMeNotificationPreferences'>;

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
  event_survey: 'My company is asked how a disruption affects its sites',
};

export const SUBJECT_KIND_LABEL: Record<ThreadSubjectKind, string> = {
  request: 'Request',
  working_group: 'Working group',
  program: 'Program',
  general: 'General',
};

export const channelsApi = {
  listThreads: (f: { subjectKind?: ThreadSubjectKind | ''; subjectId?: string; q?: string; following?: boolean; limit?: number; offset?: number }) =>
    call(client.GET('/threads', { params: { query: query({ subjectKind: f.subjectKind || undefined, subjectId: f.subjectId, q: f.q, following: f.following ? ('true' as const) : undefined, limit: f.limit, offset: f.offset }) } })),
  getThread: (id: string) => call(client.GET('/threads/{id}', { params: { path: { id } } })),
  createThread: (body: NewThread) => call(client.POST('/threads', { body })),
  postMessage: (id: string, body: string, visibility: Visibility) => call(client.POST('/threads/{id}/messages', { params: { path: { id } }, body: { body, visibility } })),
  follow: (id: string, following: boolean) => call(client.POST('/threads/{id}/follow', { params: { path: { id } }, body: { following } })),

  notifications: (f: { unread?: boolean; limit?: number } = {}) =>
    call(client.GET('/notifications', { params: { query: query({ unread: f.unread ? ('true' as const) : undefined, limit: f.limit }) } })),
  unreadCount: () => call(client.GET('/notifications/unread-count')),
  markRead: (body: Body<'postNotificationsRead'>) => call(client.POST('/notifications/read', { body })),
  preferences: () => call(client.GET('/me/notification-preferences')),
  savePreferences: (body: PreferencesChange) => call(client.PUT('/me/notification-preferences', { body })),
};

/** Tells the bell to look again (after a notification is read elsewhere). */
export const NOTIFICATIONS_CHANGED = 'sosa:notifications-changed';
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
