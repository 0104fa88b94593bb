import { useState, type FormEvent } from 'react';
import { channelsApi, SUBJECT_KIND_LABEL, type ThreadSubjectKind } from '../../api/channels.js';
import { partnershipApi } from '../../api/partnership.js';
import { partnershipApi as registersApi } from '../../api/registers.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { hasRole, useSession } from '../../session.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { useLoad } from '../../use-load.js';
import { THREAD_SUBJECT_KINDS } from './thread-subject-kinds.js';

/**
 * The working group or program a thread is about, chosen from those the user sees (the server
 * refuses any other id, naming the field). A user who may not list programs types the code.
 */
function SubjectPicker({ kind, value, onChange, arrangementIdOf }: { kind: 'working_group' | 'program'; value: string; onChange(id: string): void; arrangementIdOf(arrangementId: string | null): void }) {
  const { user } = useSession();
  const canListPrograms = hasRole(user, 'sosa_officer') || hasRole(user, 'auditor');
  const options = useLoad(
    async () =>
      kind === 'working_group'
        ? (await partnershipApi.listGroups({ status: 'active' })).items.map((g) => ({ id: g.id, label: g.name, arrangementId: g.arrangementId }))
        : canListPrograms
          ? (await registersApi.listPrograms({})).items.map((p) => ({ id: p.id, label: `${p.id} — ${p.name}`, arrangementId: null as string | null }))
          : null,
    [kind, canListPrograms],
  );
  const label = SUBJECT_KIND_LABEL[kind];
  if (options.data === null || (options.error && kind === 'program')) {
    return (
      <>
        <label className="field-label" htmlFor="nt-subject">{label} code</label>
        <input id="nt-subject" value={value} maxLength={100} onChange={(e) => onChange(e.target.value)} placeholder="e.g. IN-LCA-MK2-ENGINE" required />
      </>
    );
  }
  const list = options.data ?? [];
  return (
    <>
      <label className="field-label" htmlFor="nt-subject">{label}</label>
      <select
        id="nt-subject"
        value={value}
        required
        onChange={(e) => {
          onChange(e.target.value);
          arrangementIdOf(list.find((o) => o.id === e.target.value)?.arrangementId ?? null);
        }}
      >
        <option value="">{options.loading ? 'Loading…' : list.length ? `Choose a ${label.toLowerCase()}` : `No ${label.toLowerCase()} you can open a thread on`}</option>
        {list.map((o) => (
          <option key={o.id} value={o.id}>{o.label}</option>
        ))}
      </select>
    </>
  );
}

/** A new thread outside a request: general, a working group or a program; shared with an arrangement's other nation, or internal. */
export function NewThreadForm({ onDone }: { onDone(id: string): void }) {
  const { user, reference } = useSession();
  const arrangements = reference.arrangements.filter((a) => a.nationA === user.nation || a.nationB === user.nation);
  const [kind, setKind] = useState<ThreadSubjectKind>('general');
  const [subjectId, setSubjectId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [scope, setScope] = useState<'internal' | 'arrangement'>('arrangement');
  const [arrangementId, setArrangementId] = useState(arrangements.find((a) => a.id === 'US-IN')?.id ?? arrangements[0]?.id ?? '');
  const open = useApiMutation(
    () =>
      channelsApi.createThread({
        subjectKind: kind,
        ...(kind !== 'general' ? { subjectId: subjectId.trim() } : {}),
        title: title.trim(),
        scope,
        ...(scope === 'arrangement' ? { arrangementId } : {}),
        ...(body.trim() ? { message: { body: body.trim(), visibility: 'shared' } } : {}),
      }),
    { onSaved: (t) => onDone(t.id) },
  );
  const { busy, error } = open;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open.run(undefined);
  };
  return (
    <form className="panel thread-new-page" onSubmit={submit} aria-label="New thread">
      <h2 className="panel-title">New thread</h2>
      <div className="pad stack">
        <ErrorBanner error={error} />
        <div className="form-row">
          <label className="field-label" htmlFor="nt-kind">About</label>
          <select id="nt-kind" value={kind} onChange={(e) => { setKind(e.target.value as ThreadSubjectKind); setSubjectId(''); }}>
            {THREAD_SUBJECT_KINDS.filter((k) => k !== 'request').map((k) => (
              <option key={k} value={k}>{SUBJECT_KIND_LABEL[k]}</option>
            ))}
          </select>
          {kind === 'working_group' || kind === 'program' ? (
            <SubjectPicker kind={kind} value={subjectId} onChange={setSubjectId} arrangementIdOf={(a) => { if (a) setArrangementId(a); }} />
          ) : null}
        </div>
        <fieldset className="visibility-choice">
          <legend className="field-label">Who takes part</legend>
          <label className={scope === 'arrangement' ? 'seg active' : 'seg'}>
            <input type="radio" name="nt-scope" checked={scope === 'arrangement'} onChange={() => setScope('arrangement')} />
            Both nations
          </label>
          <label className={scope === 'internal' ? 'seg active internal' : 'seg'}>
            <input type="radio" name="nt-scope" checked={scope === 'internal'} onChange={() => setScope('internal')} />
            {user.nation} only
          </label>
          {scope === 'arrangement' ? (
            <select aria-label="Arrangement" value={arrangementId} onChange={(e) => setArrangementId(e.target.value)}>
              {arrangements.map((a) => (
                <option key={a.id} value={a.id}>{a.name}</option>
              ))}
            </select>
          ) : (
            <span className="visibility-help">Internal: only officials of {user.nation} see it. The other nation never sees it.</span>
          )}
        </fieldset>
        <label className="field-label" htmlFor="nt-title">Title</label>
        <input id="nt-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} required />
        <label className="field-label" htmlFor="nt-body">First message <span className="muted small">— @username mentions notify</span></label>
        <textarea id="nt-body" rows={3} maxLength={8000} value={body} onChange={(e) => setBody(e.target.value)} />
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !title.trim()}>{busy ? 'Opening…' : 'Open thread'}</button>
        </div>
      </div>
    </form>
  );
}
