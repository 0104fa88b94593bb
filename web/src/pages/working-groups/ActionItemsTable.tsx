// A working group's action items: owner, due date in the owner's working days, and status
// (changed in place by the members who may edit).
import { basisOf, partnershipApi, type ActionItem, type ItemStatus, type WorkingGroupDetail } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { formatDate, formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

function StatusBadge({ item }: { item: ActionItem }) {
  if (item.status === 'done') return <span className="chip chip-ok">Done</span>;
  if (item.status === 'cancelled') return <span className="chip chip-muted">Cancelled</span>;
  if (item.overdue) return <span className="badge wg-overdue" data-testid="overdue-badge" title={item.escalatedAt ? `Escalated ${formatDateTime(item.escalatedAt)} to ${item.escalatedTo}` : 'Past due'}>{item.escalatedAt ? 'Overdue · escalated' : 'Overdue'}</span>;
  return <span className="chip">Open</span>;
}

export function ActionItemsTable({ group: g }: { group: WorkingGroupDetail }) {
  const setStatus = useApiMutation(({ item, status }: { item: ActionItem; status: ItemStatus }) => partnershipApi.setActionItemStatus(g.id, item.id, status), { invalidates: [keys.workingGroups.all] });
  return (
    <>
      <ErrorBanner error={setStatus.error} />
      {g.actionItems.length === 0 ? <p className="pad muted">No action items yet.</p> : (
        <div className="table-wrap">
          <table className="table" data-testid="items-table">
            <caption className="sr-only">Action items</caption>
            <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {g.actionItems.map((i) => (
                <tr key={i.id} data-testid="item-row" className={i.overdue ? 'is-late' : undefined}>
                  <td>{i.title}</td>
                  <td className="nowrap">{i.ownerName} <span className="chip">{i.ownerNation}</span></td>
                  <td className="nowrap" title={String(basisOf(i).rule ?? '')}>{formatDate(i.dueDate)}<div className="small muted">{String(basisOf(i).calendar ?? i.ownerNation)} working days</div></td>
                  <td className="nowrap">
                    <div className="wg-status-cell">
                      <StatusBadge item={i} />
                      {g.canEdit ? (
                        <select className="wg-status-select" aria-label={`Status of ${i.title}`} value={i.status} onChange={(e) => void setStatus.run({ item: i, status: e.target.value as ItemStatus })}>
                          <option value="open">Open</option><option value="done">Done</option><option value="cancelled">Cancelled</option>
                        </select>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
