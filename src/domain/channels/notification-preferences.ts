/** Notification kinds and per-user preferences: per kind in-app and/or e-mail; e-mail off or immediate. */
export const NOTIFICATION_KINDS = ['mention', 'thread_message', 'request_assigned', 'deadline_escalated'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface ChannelChoice {
  inApp: boolean;
  email: boolean;
}

export interface NotificationPreferences {
  channels: Record<NotificationKind, ChannelChoice>;
  emailDigest: 'off' | 'immediate';
}

/** Defaults: everything in the app; e-mail for what needs action (a mention, an assignment, an escalation). */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  channels: {
    mention: { inApp: true, email: true },
    thread_message: { inApp: true, email: false },
    request_assigned: { inApp: true, email: true },
    deadline_escalated: { inApp: true, email: true },
  },
  emailDigest: 'immediate',
};

/** Stored preferences merged over the defaults (a kind added later starts at its default). */
export function effectivePreferences(stored: { channels: Record<string, Partial<ChannelChoice>>; emailDigest: 'off' | 'immediate' } | null): NotificationPreferences {
  if (!stored) return structuredClone(DEFAULT_PREFERENCES);
  const channels = {} as Record<NotificationKind, ChannelChoice>;
  for (const kind of NOTIFICATION_KINDS) channels[kind] = { ...DEFAULT_PREFERENCES.channels[kind], ...stored.channels[kind] };
  return { channels, emailDigest: stored.emailDigest };
}

/** How one notification reaches one user. E-mail needs an address, the kind's e-mail choice and a digest that is not off. */
export function deliveryFor(prefs: NotificationPreferences, kind: NotificationKind, hasEmail: boolean): { inApp: boolean; email: boolean } {
  const c = prefs.channels[kind];
  return { inApp: c.inApp, email: c.email && hasEmail && prefs.emailDigest === 'immediate' };
}
