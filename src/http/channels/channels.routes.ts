import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { createThread } from '../../services/channels/create-thread.js';
import { setFollowing } from '../../services/channels/follow-thread.js';
import { postMessage } from '../../services/channels/post-message.js';
import { getThread, listThreads } from '../../services/channels/read-threads.js';
import { getPreferences, listNotifications, markRead, unreadCount, updatePreferences } from '../../services/notifications/notifications.js';
import type { HttpEnv } from '../http-env.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import { followSchema, listNotificationsQuerySchema, listThreadsQuerySchema, markedReadSchema, markReadSchema, messageSchema, newThreadSchema, notificationListSchema, preferencesSchema, preferencesViewSchema, threadIdParam, threadListSchema, threadSchema, unreadCountSchema } from './channels.schema.js';

/** Communication channels: threads on a subject, notifications and their preferences. */
export function channelRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/threads', tags: ['channels'], summary: 'Threads the caller may see, filtered by subject, title or following', request: { query: listThreadsQuerySchema }, responses: { 200: jsonResponse('{ items, total }', threadListSchema) } }),
    'authenticated',
    async (c, user) => c.json(await listThreads(c.get('ctx'), user, queryParams(c, listThreadsQuerySchema))),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/threads', tags: ['channels'], summary: 'Open a thread on a request, working group, program or in general, with an optional first message', request: jsonRequestBody(newThreadSchema), responses: { 201: jsonResponse('The thread', threadSchema) } }),
    'authenticated',
    async (c, user) => {
      const ctx = c.get('ctx');
      const id = await createThread(ctx, user, await jsonBody(c, newThreadSchema));
      c.header('location', `/api/v1/threads/${id}`);
      return c.json(await getThread(ctx, user, id), 201);
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/threads/{id}', tags: ['channels'], summary: 'A thread with the messages the caller may see', request: { params: threadIdParam }, responses: { 200: jsonResponse('Thread', threadSchema) } }),
    'authenticated',
    async (c, user) => c.json(await getThread(c.get('ctx'), user, c.req.param('id')!)),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/threads/{id}/messages', tags: ['channels'], summary: 'Post a message, shared or internal to one\'s own nation; @username mentions notify', request: { params: threadIdParam, ...jsonRequestBody(messageSchema) }, responses: { 201: jsonResponse('The thread after the message', threadSchema) } }),
    'authenticated',
    async (c, user) => {
      const ctx = c.get('ctx');
      const id = c.req.param('id')!;
      await postMessage(ctx, user, id, await jsonBody(c, messageSchema));
      return c.json(await getThread(ctx, user, id), 201);
    },
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/threads/{id}/follow', tags: ['channels'], summary: 'Follow or stop following a thread: {"following": true|false}', request: { params: threadIdParam, ...jsonRequestBody(followSchema) }, responses: { 200: jsonResponse('The thread', threadSchema) } }),
    'authenticated',
    async (c, user) => {
      const ctx = c.get('ctx');
      const id = c.req.param('id')!;
      const { following } = await jsonBody(c, followSchema);
      await setFollowing(ctx, user, id, following);
      return c.json(await getThread(ctx, user, id));
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/notifications', tags: ['channels'], summary: 'The caller\'s notifications, newest first, and the unread count', request: { query: listNotificationsQuerySchema }, responses: { 200: jsonResponse('{ items, unread }', notificationListSchema) } }),
    'authenticated',
    async (c, user) => c.json(await listNotifications(c.get('ctx'), user, queryParams(c, listNotificationsQuerySchema))),
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/notifications/unread-count', tags: ['channels'], summary: 'How many of the caller\'s notifications are unread (for the bell)', responses: { 200: jsonResponse('{ unread }', unreadCountSchema) } }),
    'authenticated',
    async (c, user) => c.json({ unread: await unreadCount(c.get('ctx'), user) }),
  );
  mount(
    app,
    createRoute({ method: 'post', path: '/notifications/read', tags: ['channels'], summary: 'Mark the caller\'s notifications read: {"ids": [...]} or {"all": true}', request: jsonRequestBody(markReadSchema), responses: { 200: jsonResponse('{ marked, unread }', markedReadSchema) } }),
    'authenticated',
    async (c, user) => {
      const ctx = c.get('ctx');
      const marked = await markRead(ctx, user, await jsonBody(c, markReadSchema));
      return c.json({ marked, unread: await unreadCount(ctx, user) });
    },
  );
  mount(
    app,
    createRoute({ method: 'get', path: '/me/notification-preferences', tags: ['channels'], summary: 'The caller\'s notification preferences and e-mail address', responses: { 200: jsonResponse('Preferences', preferencesViewSchema) } }),
    'authenticated',
    async (c, user) => c.json(await getPreferences(c.get('ctx'), user)),
  );
  mount(
    app,
    createRoute({ method: 'put', path: '/me/notification-preferences', tags: ['channels'], summary: 'Change the caller\'s preferences: per kind in-app and/or e-mail, e-mail off or immediate, the e-mail address', request: jsonRequestBody(preferencesSchema), responses: { 200: jsonResponse('Preferences', preferencesViewSchema) } }),
    'authenticated',
    async (c, user) => c.json(await updatePreferences(c.get('ctx'), user, await jsonBody(c, preferencesSchema))),
  );
}
