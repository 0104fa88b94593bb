import { useEffect, useState, type FormEvent } from 'react';
import { announceNotificationsChanged, channelsApi, NOTIFICATION_KIND_LABEL, type AppNotification, type NotificationPreferences } from '../api/channels.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDateTime } from '../format.js';
import { navigate } from '../router.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useLoad } from '../use-load.js';

function PreferencesForm() {
  const load = useLoad(() => channelsApi.preferences(), []);
  const [draft, setDraft] = useState<NotificationPreferences>();
  const [saved, setSaved] = useState(false);
  const write = useApiMutation(
    (d: NotificationPreferences) => channelsApi.savePreferences({ channels: d.channels, emailDigest: d.emailDigest, dailyDigest: d.dailyDigest, email: d.email?.trim() ? d.email.trim() : null }),
    {
      onSaved: (next) => {
        load.setData(next);
        setSaved(true);
      },
    },
  );
  const { busy, error } = write;
  useEffect(() => setDraft(load.data), [load.data]);
  if (!draft) return <section className="panel"><ErrorBanner error={load.error} onRetry={load.reload} />{load.loading ? <Spinner label="Loading preferences…" /> : null}</section>;

  const setChannel = (kind: keyof NotificationPreferences['channels'], key: 'inApp' | 'email', value: boolean) =>
    setDraft({ ...draft, channels: { ...draft.channels, [kind]: { ...draft.channels[kind], [key]: value } } });
  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void write.run(draft);
  };
  const emailOff = draft.emailDigest === 'off';
  return (
    <form className="panel" onSubmit={save} aria-labelledby="prefs-h" data-testid="preferences-form">
      <h2 id="prefs-h" className="panel-title">Preferences</h2>
      <div className="pad stack">
        <ErrorBanner error={error} />
        {saved ? <div className="banner banner-success" role="status">Preferences saved.</div> : null}
        {!draft.emailAvailable ? <div className="banner banner-info">E-mail is not configured on this server: notifications are in the app only.</div> : null}
        <div className="prefs-email">
          <label className="field-label" htmlFor="pref-email">E-mail address</label>
          <input id="pref-email" type="email" maxLength={254} value={draft.email ?? ''} onChange={(e) => setDraft({ ...draft, email: e.target.value })} placeholder="name@ministry.example" />
          <fieldset className="visibility-choice">
            <legend className="field-label">E-mail</legend>
            <label className={!emailOff ? 'seg active' : 'seg'}>
              <input type="radio" name="digest" checked={!emailOff} onChange={() => setDraft({ ...draft, emailDigest: 'immediate' })} />
              Immediately
            </label>
            <label className={emailOff ? 'seg active' : 'seg'}>
              <input type="radio" name="digest" checked={emailOff} onChange={() => setDraft({ ...draft, emailDigest: 'off' })} />
              Off
            </label>
          </fieldset>
          <label className="check">
            <input type="checkbox" data-testid="daily-digest" disabled={emailOff} checked={draft.dailyDigest && !emailOff} onChange={(e) => setDraft({ ...draft, dailyDigest: e.target.checked })} />
            Each morning, e-mail me what waits on me and is due in the next 3 working days
          </label>
        </div>
        <table className="table prefs-table">
          <thead>
            <tr>
              <th scope="col">Tell me when</th>
              <th scope="col">In the app</th>
              <th scope="col">By e-mail</th>
            </tr>
          </thead>
          <tbody>
            {draft.kinds.map((kind) => (
              <tr key={kind}>
                <td>{NOTIFICATION_KIND_LABEL[kind]}</td>
                <td>
                  <input type="checkbox" aria-label={`${NOTIFICATION_KIND_LABEL[kind]}: in the app`} checked={draft.channels[kind].inApp} onChange={(e) => setChannel(kind, 'inApp', e.target.checked)} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${NOTIFICATION_KIND_LABEL[kind]}: by e-mail`} disabled={emailOff} checked={draft.channels[kind].email && !emailOff} onChange={(e) => setChannel(kind, 'email', e.target.checked)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : 'Save preferences'}</button>
        </div>
      </div>
    </form>
  );
}

export function NotificationsPage({ query }: { query: URLSearchParams }) {
  const unreadOnly = query.get('unread') === 'true';
  const load = useLoad(() => channelsApi.notifications({ unread: unreadOnly, limit: 200 }), [unreadOnly]);
  const markRead = useApiMutation((body: { ids: string[] } | { all: true }) => channelsApi.markRead(body), {
    onSaved: () => {
      announceNotificationsChanged();
      load.reload();
    },
  });
  const { error } = markRead;
  const mark = (body: { ids: string[] } | { all: true }) => markRead.run(body);
  const open = async (n: AppNotification) => {
    if (!n.readAt) await mark({ ids: [n.id] });
    navigate(n.link);
  };
  const items = load.data?.items ?? [];
  return (
    <div className="page">
      <PageHeader
        title="Notifications"
        subtitle={load.data ? `${load.data.unread} unread` : 'Steps that wait on you, news of your requests, mentions and escalations'}
        actions={load.data && load.data.unread > 0 ? <button type="button" className="btn btn-small" onClick={() => void mark({ all: true })}>Mark all read</button> : null}
      />
      <div className="notifications-grid">
        <section className="panel" aria-label="Notifications">
          <div className="filters filters-inline">
            <label className="check filter-check">
              <input type="checkbox" checked={unreadOnly} onChange={(e) => navigate(e.target.checked ? '/notifications?unread=true' : '/notifications', { replace: true })} />
              Unread only
            </label>
          </div>
          <ErrorBanner error={load.error ?? error} onRetry={load.reload} />
          {load.loading && !load.data ? <Spinner label="Loading notifications…" /> : null}
          {load.data && items.length === 0 ? <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>Requests, orders and action items that wait on you, news of your requests, mentions, messages in threads you follow and escalations appear here.</EmptyState> : null}
          <ul className="notification-list">
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'} data-testid="notification">
                <button type="button" className="notification-open" onClick={() => void open(n)}>
                  <span className="notification-title">{n.title}</span>
                  {n.body ? <span className="notification-body">{n.body}</span> : null}
                  <span className="muted small">{formatDateTime(n.createdAt)}</span>
                </button>
                {!n.readAt ? <button type="button" className="btn btn-small btn-ghost" onClick={() => void mark({ ids: [n.id] })}>Mark read</button> : null}
              </li>
            ))}
          </ul>
        </section>
        <PreferencesForm />
      </div>
    </div>
  );
}
