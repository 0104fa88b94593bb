/** Notification kinds and per-user preferences: per kind in-app and/or e-mail; e-mail off or immediate; a daily digest. */
export const NOTIFICATION_KINDS = [
  'mention',
  'thread_message',
  'request_assigned',
  'deadline_escalated',
  'request_waiting',
  'request_update',
  'rated_order_desk',
  'spa_request',
  'action_item',
  'calendar_missing',
  'event_survey',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

export interface NotificationPreferences {
  channels: Record<NotificationKind, ChannelChoice>;
  emailDigest: 'off' | 'immediate';
  /** A morning e-mail of what is due in the next working days (needs e-mail on and an address). */
  dailyDigest: boolean;
}

/**
 * Defaults: everything in the app; e-mail for what needs action (a mention, an assignment, an
 * escalation, a request or order waiting on the user, a missing holiday list), not for news.
 */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: {
    mention: { inApp: true, email: true },
    thread_message: { inApp: true, email: false },
    request_assigned: { inApp: true, email: true },
    deadline_escalated: { inApp: true, email: true },
    request_waiting: { inApp: true, email: true },
    request_update: { inApp: true, email: false },
    rated_order_desk: { inApp: true, email: true },
    spa_request: { inApp: true, email: true },
    action_item: { inApp: true, email: true },
    calendar_missing: { inApp: true, email: true },
    // A company asked about its sites after a disruption: the nation is waiting on its answer.
    event_survey: { inApp: true, email: true },
  },
  emailDigest: 'immediate',
  dailyDigest: false,
};

/** Stored preferences merged over the defaults (a kind added later starts at its default). */
export function effectivePreferences(stored: { channels: Record<string, Partial<ChannelChoice>>; emailDigest: 'off' | 'immediate'; dailyDigest?: boolean | undefined } | null): NotificationPreferences {
  if (!stored) return structuredClone(DEFAULT_PREFERENCES);
  const channels = {} as Record<NotificationKind, ChannelChoice>;
  for (const kind of NOTIFICATION_KINDS) channels[kind] = { ...DEFAULT_PREFERENCES.channels[kind], ...stored.channels[kind] };
  return { channels, emailDigest: stored.emailDigest, dailyDigest: stored.dailyDigest ?? DEFAULT_PREFERENCES.dailyDigest };
}

/** How one notification reaches one user. E-mail needs an address, the kind's e-mail choice and a digest that is not off. */
export function deliveryFor(prefs: NotificationPreferences, kind: NotificationKind, hasEmail: boolean): { inApp: boolean; email: boolean } {
  const c = prefs.channels[kind];
  return { inApp: c.inApp, email: c.email && hasEmail && prefs.emailDigest === 'immediate' };
}

/** Whether the daily digest goes to this user: chosen, e-mail not turned off, an address to send to. */
export function wantsDailyDigest(prefs: NotificationPreferences, hasEmail: boolean): boolean {
  return prefs.dailyDigest && prefs.emailDigest !== 'off' && hasEmail;
}
