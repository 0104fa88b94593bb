import { sequencePendingAudit } from '../store/audit.repository.js';
import type { TestApp } from './test-app.js';

/** The actions of the app's audit chain that start with `prefix`, in chain order (events still queued are sequenced first). */
export async function auditActions(t: TestApp, prefix: string): Promise<string[]> {
  await sequencePendingAudit(t.ctx.store.db);
  const rows = await t.ctx.store.db.selectFrom('audit_events').select('action').where('action', 'like', `${prefix}%`).orderBy('seq').execute();
  return rows.map((r) => r.action);
}
