import { z } from '@hono/zod-openapi';
import { NOTIFICATION_KINDS } from '../../domain/channels/notification-preferences.js';
import { THREAD_SUBJECT_KINDS } from '../../domain/channels/thread-visibility.js';
import { pageQueryFields } from '../page-query.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const messageSchema = z.strictObject({
  body: text(8000),
  visibility: z.enum(['shared', 'internal']).default('shared'),
});

export const newThreadSchema = z.strictObject({
  subjectKind: z.enum(THREAD_SUBJECT_KINDS),
  subjectId: z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'letters, digits, dot, colon, dash or underscore').optional(),
  title: text(200),
  scope: z.enum(['internal', 'arrangement']).default('arrangement'),
  arrangementId: z.string().min(1).max(60).optional(),
  message: messageSchema.optional(),
});

export const listThreadsQuerySchema = z.strictObject({
  subjectKind: z.enum(THREAD_SUBJECT_KINDS).optional(),
  subjectId: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  following: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQueryFields,
});

export const followSchema = z.strictObject({ following: z.boolean() });

export const listNotificationsQuerySchema = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQueryFields,
});

export const markReadSchema = z
  .strictObject({
    ids: z.array(z.uuid('must be a notification id')).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => Boolean(v.ids) !== Boolean(v.all), { message: 'give either ids or all: true' });

const channelChoice = z.strictObject({ inApp: z.boolean().optional(), email: z.boolean().optional() });

export const preferencesSchema = z.strictObject({
  channels: z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelChoice.optional()])) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof channelChoice>>).optional(),
  emailDigest: z.enum(['off', 'immediate']).optional(),
  /** A morning e-mail of what is due in the next working days. */
  dailyDigest: z.boolean().optional(),
  email: z.union([z.email('must be an e-mail address').max(254), z.null()]).optional(),
});

export const threadIdParam = z.object({ id: z.string() });

// ——— what the notification routes send ———

export const notificationSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  link: z.string().openapi({ description: "The web UI's address of what the notification is about" }),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationListSchema = z.strictObject({ items: z.array(notificationSchema), unread: z.number().int() });
export const unreadCountSchema = z.strictObject({ unread: z.number().int() });
export const markedReadSchema = z.strictObject({ marked: z.number().int(), unread: z.number().int() });

// ——— what the thread routes send ———

const threadSubjectSchema = z.strictObject({ kind: z.enum(THREAD_SUBJECT_KINDS), id: z.string().nullable(), label: z.string() });

const threadHead = {
  id: z.string(),
  title: z.string(),
  subject: threadSubjectSchema,
  nations: z.array(z.string()),
  internal: z.boolean().openapi({ description: "Within one nation (only its own officials read it)" }),
  createdBy: z.string(),
  createdAt: z.string(),
  following: z.boolean(),
};

export const threadListSchema = z.strictObject({
  items: z.array(z.strictObject({ ...threadHead, messageCount: z.number().int(), lastMessageAt: z.string().nullable() })),
  total: z.number().int(),
});

export const threadSchema = z
  .strictObject({
    ...threadHead,
    mayWrite: z.boolean(),
    mayWriteInternal: z.boolean().openapi({ description: 'Internal messages: officials of a thread shared between two nations' }),
    messages: z.array(
      z.strictObject({
        id: z.string(),
        author: z.strictObject({ username: z.string(), displayName: z.string(), nation: z.string() }),
        visibility: z.enum(['shared', 'internal']),
        body: z.string(),
        mentions: z.array(z.string()).openapi({ description: 'Usernames mentioned that the reader may know of' }),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('Thread');

// ——— what the notification preference routes send ———

const channelChoiceView = z.strictObject({ inApp: z.boolean(), email: z.boolean() });

export const preferencesViewSchema = z
  .strictObject({
    channels: z.strictObject(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, channelChoiceView])) as Record<(typeof NOTIFICATION_KINDS)[number], typeof channelChoiceView>).openapi({ description: 'Every kind of notification, each in-app and/or by e-mail' }),
    emailDigest: z.enum(['off', 'immediate']),
    dailyDigest: z.boolean(),
    email: z.string().nullable(),
    emailAvailable: z.boolean().openapi({ description: 'Whether the server can send e-mail at all (SMTP configured)' }),
    kinds: z.array(z.enum(NOTIFICATION_KINDS)),
  })
  .openapi('NotificationPreferences');
