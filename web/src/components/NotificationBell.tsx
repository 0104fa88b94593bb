import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { announceNotificationsChanged, channelsApi, NOTIFICATIONS_CHANGED, type AppNotification } from '../api/channels.js';
import { relative } from '../format.js';
import { keys } from '../queries/keys.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { href, navigate } from '../router.js';

const POLL_MS = 30_000;
const EVERY_POLL = () => POLL_MS;

/** The bell: unread count (polled, and refreshed on navigation), a dropdown of the latest, a link to all. */
export function NotificationBell({ path }: { path: string }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // A count that failed to come keeps the last one shown and is asked again on the next beat.
  const count = useApiQuery(keys.notifications.part('unread-count'), () => channelsApi.unreadCount(), { pollEvery: EVERY_POLL, pollThroughErrors: true });
  const latest = useApiQuery(keys.notifications.list({ limit: 8 }), () => channelsApi.notifications({ limit: 8 }), { enabled: open });
  const unread = count.data?.unread ?? 0;
  const items: AppNotification[] | undefined = latest.data?.items ?? (latest.error ? [] : undefined);
  // Whatever is read, here or on another screen, reloads the count and the dropdown.
  const markRead = useApiMutation((ids: string[] | 'all') => channelsApi.markRead(ids === 'all' ? { all: true } : { ids }), { invalidates: [keys.notifications.all] });

  useEffect(() => {
    const changed = () => void client.invalidateQueries({ queryKey: keys.notifications.all });
    window.addEventListener(NOTIFICATIONS_CHANGED, changed);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, changed);
  }, [client]);
  // A move to another page asks again at once (the first page's count is the query's own first ask).
  const shownPath = useRef(path);
  const { reload } = count;
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    reload();
    setOpen(false);
  }, [path, reload]);
  useEffect(() => {
    if (!open) return;
    reload();
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open, reload]);

  const openOne = async (n: AppNotification) => {
    setOpen(false);
    if (!n.readAt) {
      await markRead.run([n.id]);
      announceNotificationsChanged();
    }
    navigate(n.link);
  };
  const markAll = () => void markRead.run('all');

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
            {unread > 0 ? <button type="button" className="btn btn-small btn-ghost" onClick={markAll}>Mark all read</button> : null}
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
