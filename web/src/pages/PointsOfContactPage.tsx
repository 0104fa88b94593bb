// The SOSA points-of-contact directory: each nation's contacts by function, read by both nations
// of an arrangement; each nation's SOSA officers keep their own nation's entries.
import { useState } from 'react';
import { CONTACT_FUNCTION_LABEL, CONTACT_FUNCTIONS, partnershipApi, type Contact, type ContactFunction } from '../api/partnership.js';
import { DataTable, type Column } from '../components/list/DataTable.js';
import { ListBody } from '../components/list/ListBody.js';
import { InlineSelectFilter } from '../components/list/ListFilters.js';
import { PageHeader } from '../components/PageHeader.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { hasRole, nationName, useSession } from '../session.js';
import { ContactDialog } from './points-of-contact/ContactDialog.js';

const COLUMNS: Array<Column<Contact>> = [
  { head: 'Nation', cell: (c) => <span className="chip">{c.nation}</span> },
  { head: 'Function', cellClass: 'nowrap', cell: (c) => CONTACT_FUNCTION_LABEL[c.function as ContactFunction] ?? c.function },
  { head: 'Name', cell: (c) => <><div className="strong">{c.name}</div>{c.title ? <div className="small muted">{c.title}</div> : null}</> },
  { head: 'Organisation', cell: (c) => c.organisation },
  { head: 'E-mail', cell: (c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : <span className="muted">—</span>) },
  { head: 'Phone', cellClass: 'nowrap', cell: (c) => (c.phone ? <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{c.phone}</a> : <span className="muted">—</span>) },
];

export function PointsOfContactPage() {
  const { user, reference } = useSession();
  const [q, setQ] = useState('');
  const [nation, setNation] = useState('');
  const [fn, setFn] = useState('');
  const [editing, setEditing] = useState<Contact | null | 'new'>(null);
  const filter = { q, nation, function: fn };
  const list = useApiQuery(keys.pointsOfContact.list(filter), () => partnershipApi.listContacts(filter));
  const items = list.data?.items ?? [];
  const nations = [...new Set(items.map((c) => c.nation).concat(nation ? [nation] : []))].sort();
  const officer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || nation || fn);
  const columns: Array<Column<Contact>> = [
    ...COLUMNS,
    {
      head: <span className="sr-only">Actions</span>,
      cellClass: 'right',
      cell: (c) => (officer && c.nation === user.nation ? <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>Edit</button> : null),
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title="Points of contact"
        subtitle="SOSA contacts of your nation and its arrangement partners, by function. Each nation keeps its own entries."
        actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>Add contact</button> : undefined}
      />
      <section className="panel" data-testid="poc-panel">
        <div className="panel-head">
          <div className="inline-filters" role="search" aria-label="Filter contacts">
            <input type="search" aria-label="Search contacts" placeholder="Search name, organisation, e-mail" value={q} onChange={(e) => setQ(e.target.value)} />
            <InlineSelectFilter id="poc-f-nation" label="Nation" value={nation} options={[...new Set([user.nation, ...nations])].map((n) => [n, nationName(reference, n)] as const)} onChange={setNation} />
            <InlineSelectFilter id="poc-f-function" label="Function" value={fn} options={CONTACT_FUNCTIONS.map((f) => [f, CONTACT_FUNCTION_LABEL[f]] as const)} onChange={setFn} />
          </div>
        </div>
        <ListBody
          query={list}
          loadingLabel="Loading contacts…"
          empty={{ title: filtered ? 'No contact matches these filters' : 'No contacts yet', body: filtered ? 'Try removing a filter.' : officer ? 'Add your nation’s SOSA contacts.' : null }}
        >
          {(rows) => <DataTable rows={rows} columns={columns} rowKey={(c) => c.id} rowProps={(c) => ({ 'data-testid': 'poc-row', 'data-nation': c.nation })} testId="poc-table" caption="Points of contact" />}
        </ListBody>
      </section>
      {editing ? <ContactDialog initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} /> : null}
    </div>
  );
}
