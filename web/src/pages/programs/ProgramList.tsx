// The list of co-production programs, filtered by text, status and nation.
import { useState } from 'react';
import { partnershipApi, PROGRAM_STATUSES, type Program } from '../../api/registers.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { ListBody } from '../../components/list/ListBody.js';
import { FilterBar, SearchFilter, SelectFilter, useFilters } from '../../components/list/ListFilters.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate, humanise } from '../../format.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { keys } from '../../queries/keys.js';
import { href, navigate } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { ProgramBadge } from './ProgramBadge.js';
import { ProgramDialog } from './ProgramDialog.js';

const COLUMNS: Array<Column<Program>> = [
  {
    head: 'Program',
    cell: (p) => (
      <>
        <a className="row-link strong" href={href(`/programs/${p.id}`)}>{p.name}</a>
        <div className="muted small mono">{p.id}{p.dpasProgramSymbol ? ` · ${p.dpasProgramSymbol}` : ''}</div>
      </>
    ),
  },
  { head: 'Nations', cellClass: 'nowrap', cell: (p) => [p.leadNation, ...p.partnerNations].join(' · ') },
  { head: 'Status', cell: (p) => <ProgramBadge status={p.status} /> },
  {
    head: 'Next milestone',
    cell: (p) =>
      p.nextMilestone ? (
        <>
          {p.nextMilestone.title}
          <div className="muted small">{formatDate(p.nextMilestone.dueOn)} · {humanise(p.nextMilestone.status)}</div>
        </>
      ) : '—',
  },
  { head: 'Open risks', className: 'right', cell: (p) => p.openRisks },
];

export function ProgramList() {
  const { user, reference } = useSession();
  const f = useFilters({ q: '', status: '', partner: '' });
  const [creating, setCreating] = useState(false);
  const load = useApiQuery(keys.programs.list(f.filter), () => partnershipApi.listPrograms(f.filter));
  return (
    <div className="page">
      <PageHeader
        title="Co-production programs"
        subtitle={`Programs ${user.nation} leads or partners in: milestones, risks and the priority requests made under them`}
        actions={hasRole(user, 'sosa_officer') ? <button type="button" className="btn btn-primary btn-small" onClick={() => setCreating(true)}>New program</button> : null}
      />
      <FilterBar label="Filter programs" onSearch={f.search}>
        <SearchFilter id="pg-q" placeholder="Code, name, description…" text={f.text} onText={f.setText} />
        <SelectFilter id="pg-status" label="Status" any="Any status" value={f.filter.status} options={PROGRAM_STATUSES.map((s) => [s, humanise(s)] as const)} onChange={(status) => f.set({ status })} />
        <SelectFilter id="pg-partner" label="Nation" any="Any nation" value={f.filter.partner} options={reference.nations.map((n) => [n.code, n.name] as const)} onChange={(partner) => f.set({ partner })} />
      </FilterBar>
      <ListBody
        query={load}
        loadingLabel="Loading programs…"
        empty={f.filtered ? { title: 'No program matches these filters', body: 'Try removing a filter.' } : { title: 'No programs yet' }}
      >
        {(rows) => <DataTable rows={rows} columns={COLUMNS} rowKey={(p) => p.id} testId="programs-table" />}
      </ListBody>
      {creating ? <ProgramDialog onClose={() => setCreating(false)} onSaved={(p: Program) => navigate(`/programs/${p.id}`)} /> : null}
    </div>
  );
}
