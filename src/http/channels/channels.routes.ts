import type { OpenAPIHono } from '@hono/zod-openapi';
import { createThread } from '../../services/channels/create-thread.js';
import { setFollowing } from '../../services/channels/follow-thread.js';
import { postMessage } from '../../services/channels/post-message.js';
import { getThread, listThreads } from '../../services/channels/read-threads.js';
import { getPreferences, listNotifications, markRead, unreadCount, updatePreferences } from '../../services/notifications/notifications.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { jsonBody, queryParams } from '../validation.js';
import { followSchema, listNotificationsQuerySchema, listThreadsQuerySchema, markedReadSchema, markReadSchema, messageSchema, newThreadSchema, notificationListSchema, preferencesSchema, preferencesViewSchema, threadIdParam, threadListSchema, threadSchema, unreadCountSchema } from './channels.schema.js';

/** Communication channels: threads on a subject, notifications and their preferences. */
export function channelRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['channels']);
  route({ method: 'get', path: '/threads', access: 'authenticated', summary: 'Threads the caller may see, filtered by subject, title or following', query: listThreadsQuerySchema, ok: [200, '{ items, total }', threadListSchema] }, async (c, user) => c.json(await listThreads(c.get('ctx'), user, queryParams(c, listThreadsQuerySchema))));
  route({ method: 'post', path: '/threads', access: 'authenticated', summary: 'Open a thread on a request, working group, program or in general, with an optional first message', body: newThreadSchema, ok: [201, 'The thread', threadSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const id = await createThread(ctx, user, await jsonBody(c, newThreadSchema));
    c.header('location', `/api/v1/threads/${id}`);
    return c.json(await getThread(ctx, user, id), 201);
  });
  route({ method: 'get', path: '/threads/{id}', access: 'authenticated', summary: 'A thread with the messages the caller may see', params: threadIdParam, ok: [200, 'Thread', threadSchema] }, async (c, user) => c.json(await getThread(c.get('ctx'), user, c.req.param('id')!)));
  route({ method: 'post', path: '/threads/{id}/messages', access: 'authenticated', summary: 'Post a message, shared or internal to one\'s own nation; @username mentions notify', params: threadIdParam, body: messageSchema, ok: [201, 'The thread after the message', threadSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const id = c.req.param('id')!;
    await postMessage(ctx, user, id, await jsonBody(c, messageSchema));
    return c.json(await getThread(ctx, user, id), 201);
  });
  route({ method: 'post', path: '/threads/{id}/follow', access: 'authenticated', summary: 'Follow or stop following a thread: {"following": true|false}', params: threadIdParam, body: followSchema, ok: [200, 'The thread', threadSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const id = c.req.param('id')!;
    const { following } = await jsonBody(c, followSchema);
    await setFollowing(ctx, user, id, following);
    return c.json(await getThread(ctx, user, id));
  });
  route({ method: 'get', path: '/notifications', access: 'authenticated', summary: 'The caller\'s notifications, newest first, and the unread count', query: listNotificationsQuerySchema, ok: [200, '{ items, unread }', notificationListSchema] }, async (c, user) => c.json(await listNotifications(c.get('ctx'), user, queryParams(c, listNotificationsQuerySchema))));
  route({ method: 'get', path: '/notifications/unread-count', access: 'authenticated', summary: 'How many of the caller\'s notifications are unread (for the bell)', ok: [200, '{ unread }', unreadCountSchema] }, async (c, user) => c.json({ unread: await unreadCount(c.get('ctx'), user) }));
  route({ method: 'post', path: '/notifications/read', access: 'authenticated', summary: 'Mark the caller\'s notifications read: {"ids": [...]} or {"all": true}', body: markReadSchema, ok: [200, '{ marked, unread }', markedReadSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const marked = await markRead(ctx, user, await jsonBody(c, markReadSchema));
    return c.json({ marked, unread: await unreadCount(ctx, user) });
  });
  route({ method: 'get', path: '/me/notification-preferences', access: 'authenticated', summary: 'The caller\'s notification preferences and e-mail address', ok: [200, 'Preferences', preferencesViewSchema] }, async (c, user) => c.json(await getPreferences(c.get('ctx'), user)));
  route({ method: 'put', path: '/me/notification-preferences', access: 'authenticated', summary: 'Change the caller\'s preferences: per kind in-app and/or e-mail, e-mail off or immediate, the e-mail address', body: preferencesSchema, ok: [200, 'Preferences', preferencesViewSchema] }, async (c, user) => c.json(await updatePreferences(c.get('ctx'), user, await jsonBody(c, preferencesSchema))));
}
