// The two ways the postings are shown: grouped by host command ("who is posted where"), or as a table.
import type { Posting, PostingStatus } from '../../api/registers.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { formatDate } from '../../format.js';
import { nationName, useSession } from '../../session.js';

const TONE: Record<PostingStatus, string> = { planned: 'new', active: 'active', ended: 'muted' };

export function PostingsByCommand({ items, onOpen }: { items: Posting[]; onOpen(p: Posting): void }) {
  const { reference } = useSession();
  const groups = new Map<string, Posting[]>();
  for (const p of items) groups.set(p.hostCommand, [...(groups.get(p.hostCommand) ?? []), p]);
  return (
    <div className="posting-groups" data-testid="posted-where">
      {[...groups.entries()].map(([command, postings]) => (
        <section key={command} className="panel">
          <h2 className="panel-title">
            {command} <span className="muted small">{postings[0]!.location} · {nationName(reference, postings[0]!.hostNation)}</span>
          </h2>
          <ul className="line-list">
            {postings.map((p) => (
              <li key={p.id}>
                <button type="button" className="linkish strong" onClick={() => onOpen(p)}>{p.officer.rank} {p.officer.name}</button>
                <span className="muted small">from {p.sendingNation} · until {formatDate(p.endDate)} · host contact {p.hostPoc.name || '—'}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function PostingsTable({ items, onOpen }: { items: Posting[]; onOpen(p: Posting): void }) {
  const columns: Array<Column<Posting>> = [
    {
      head: 'Officer',
      cell: (p) => (
        <>
          <button type="button" className="linkish strong" onClick={() => onOpen(p)}>{p.officer.name}</button>
          <div className="muted small">{p.officer.rank} · {p.officer.serviceNumber}</div>
        </>
      ),
    },
    { head: 'From → to', cellClass: 'nowrap', cell: (p) => `${p.sendingNation} → ${p.hostNation}` },
    { head: 'Host command', cell: (p) => <>{p.hostCommand}<div className="muted small">{p.location}</div></> },
    { head: 'Posting', cellClass: 'nowrap', cell: (p) => `${formatDate(p.startDate)} – ${p.endDate ? formatDate(p.endDate) : 'open'}` },
    { head: 'Status', cell: (p) => <span className={`badge tone-${TONE[p.status]}`}>{p.status}</span> },
    { head: 'Days left', className: 'right', cell: (p) => (p.daysToEnd === null || p.daysToEnd < 0 ? '—' : p.daysToEnd) },
    { head: 'Documents', cellClass: 'small', cell: (p) => p.documents.map((d) => d.number || d.title).join(', ') || '—' },
  ];
  return <DataTable rows={items} columns={columns} rowKey={(p) => p.id} testId="postings-table" />;
}
