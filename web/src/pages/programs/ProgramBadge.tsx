import type { ProgramStatus } from '../../api/registers.js';
import { humanise } from '../../format.js';

const STATUS_TONE: Record<ProgramStatus, string> = { proposed: 'new', active: 'active', paused: 'warn', completed: 'done', cancelled: 'muted' };

export function ProgramBadge({ status }: { status: ProgramStatus }) {
  return <span className={`badge tone-${STATUS_TONE[status]}`} data-testid="program-status">{humanise(status)}</span>;
}
