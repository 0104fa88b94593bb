import { ErrorBanner } from '../../components/ErrorBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Spinner } from '../../components/Spinner.js';
import { ThreadView } from '../../components/ThreadView.js';
import { channelsApi } from '../../api/channels.js';
import { href } from '../../router.js';
import { useLoad } from '../../use-load.js';

/** One thread on its own page (where notifications link to). */
export function ThreadPage({ id }: { id: string }) {
  const load = useLoad(() => channelsApi.getThread(id), [id]);
  const t = load.data;
  return (
    <div className="page">
      <a className="back-link" href={href('/threads')}>← Threads</a>
      {t ? (
        <PageHeader
          title={t.title}
          subtitle={
            t.subject.kind === 'request' && t.subject.id ? (
              <a href={href(`/requests/${t.subject.id}`)}>{t.subject.label}</a>
            ) : (
              t.subject.label
            )
          }
        />
      ) : null}
      <ErrorBanner error={load.error} onRetry={load.error?.status === 404 ? undefined : load.reload} />
      {load.loading && !t ? <Spinner label="Loading thread…" /> : null}
      {t ? (
        <section className="panel">
          <ThreadView threadId={t.id} initial={t} />
        </section>
      ) : null}
    </div>
  );
}
