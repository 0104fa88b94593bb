import { useCallback, useEffect, useRef, useState } from 'react';
import { announceNotificationsChanged, channelsApi, NOTIFICATIONS_CHANGED, type AppNotification } from '../api/channels.js';
import { relative } from '../format.js';
import { href, navigate } from '../router.js';

const POLL_MS = 30_000;

/** The bell: unread count (polled, and refreshed on navigation), a dropdown of the latest, a link to all. */
export function NotificationBell({ path }: { path: string }) {
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[]>();
  const box = useRef<HTMLDivElement>(null);

  const refresh = useCallback(() => {
    channelsApi.unreadCount().then((r) => setUnread(r.unread), () => {});
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [refresh]);
  useEffect(() => {
    refresh();
    setOpen(false);
  }, [path, refresh]);
  useEffect(() => {
    if (!open) return;
    channelsApi.notifications({ limit: 8 }).then((r) => { setItems(r.items); setUnread(r.unread); }, () => setItems([]));
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const openOne = async (n: AppNotification) => {
    setOpen(false);
    if (!n.readAt) {
      await channelsApi.markRead({ ids: [n.id] }).catch(() => {});
      announceNotificationsChanged();
    }
    navigate(n.link);
  };
  const markAll = async () => {
    const r = await channelsApi.markRead({ all: true }).catch(() => null);
    if (r) setUnread(r.unread);
    setItems((list) => list?.map((n) => ({ ...n, readAt: n.readAt ?? new Date().toISOString() })));
  };

  return (
    <div className="bell" ref={box}>
      <button type="button" className="bell-btn" data-testid="notification-bell" aria-haspopup="true" aria-expanded={open} aria-label={unread ? `Notifications: ${unread} unread` : 'Notifications'} onClick={() => setOpen(!open)}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        {unread > 0 ? <span className="bell-count" data-testid="notification-count">{unread > 99 ? '99+' : unread}</span> : null}
      </button>
      {open ? (
        <div className="bell-menu" role="dialog" aria-label="Latest notifications">
          <div className="bell-menu-head">
            <strong>Notifications</strong>
            {unread > 0 ? <button type="button" className="btn btn-small btn-ghost" onClick={() => void markAll()}>Mark all read</button> : null}
          </div>
          {!items ? <p className="muted small pad">Loading…</p> : null}
          {items && items.length === 0 ? <p className="muted small pad">Nothing yet.</p> : null}
          <ul className="bell-list">
            {items?.map((n) => (
              <li key={n.id}>
                <button type="button" className={n.readAt ? 'bell-item' : 'bell-item unread'} onClick={() => void openOne(n)} data-testid="bell-item">
                  <span className="bell-item-title">{n.title}</span>
                  <span className="muted small">{relative(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
          <a className="bell-all" href={href('/notifications')} onClick={() => setOpen(false)}>All notifications and preferences →</a>
        </div>
      ) : null}
    </div>
  );
}
