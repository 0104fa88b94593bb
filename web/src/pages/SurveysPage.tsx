// A company's impact surveys (issue #15): the surveys its nation's SOSA office sent about its
// sites after a disruption, and the answer form. The company sees its own surveys only: the kind
// of event, its start and its own sites — nothing of the nation's analysis.
import { EVENT_KIND_LABELS } from '../api/events.js';
import { surveysApi } from '../api/surveys.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { SurveyAnswerForm } from '../components/events/SurveyAnswerForm.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, formatDateTime } from '../format.js';
import { href } from '../router.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';

function SurveyList() {
  const load = useApiQuery(keys.surveys.list(), () => surveysApi.mine());
  if (load.error) return <ErrorBanner error={load.error} onRetry={load.reload} />;
  if (!load.data) return <Spinner />;
  const items = load.data.items;
  return (
    <div className="page">
      <PageHeader title="Surveys" subtitle="After a disruption, your nation's SOSA office asks how your sites are affected. Your answer goes into its analysis." />
      {items.length === 0 ? (
        <EmptyState title="No survey for your company" />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="survey-list">
            <caption className="sr-only">Impact surveys put to your company</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Your sites</th>
                <th scope="col">Sent</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id} data-state={s.state}>
                  <th scope="row">
                    <a href={href(`/surveys/${s.id}`)}>{EVENT_KIND_LABELS[s.eventKind]} since {formatDate(s.eventStartedAt.slice(0, 10))}</a>
                  </th>
                  <td>{s.sites.map((x) => x.nodeId).join(', ')}</td>
                  <td>{formatDateTime(s.sentAt)}</td>
                  <td>{s.state === 'answered' ? <span className="badge badge-ok">answered</span> : <span className="badge badge-warn">to answer</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function SurveyDetail({ id }: { id: string }) {
  const load = useApiQuery(keys.surveys.detail(id), () => surveysApi.get(id));
  if (load.error) return <ErrorBanner error={load.error} onRetry={load.reload} />;
  const s = load.data;
  if (!s) return <Spinner />;
  return (
    <div className="page">
      <PageHeader
        title={`Impact survey: ${EVENT_KIND_LABELS[s.eventKind].toLowerCase()} since ${formatDate(s.eventStartedAt.slice(0, 10))}`}
        subtitle={
          <>
            Sent {formatDateTime(s.sentAt)} · {s.state === 'answered' ? `answered ${s.answeredAt ? formatDateTime(s.answeredAt) : ''} by ${s.answeredBy ?? ''}` : 'waiting for your answer'} · <a href={href('/surveys')}>all surveys</a>
          </>
        }
      />
      <section className="panel" aria-label="Your answer">
        {s.state === 'answered' ? <p className="banner banner-success" role="status" data-testid="survey-answered">Thank you: your answer is in your SOSA office's analysis.{s.actions.includes('answer') ? ' You may correct it below while the event is open.' : ''}</p> : null}
        {s.actions.includes('answer') ? <SurveyAnswerForm key={s.answeredAt ?? 'new'} survey={s} onAnswered={load.setData} /> : <p className="muted">The event is closed: the survey takes no more answers.</p>}
      </section>
    </div>
  );
}

export function SurveysPage({ id }: { id?: string | undefined }) {
  return id ? <SurveyDetail id={id} /> : <SurveyList />;
}
