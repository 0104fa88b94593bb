import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import type { AppContext } from '../context.js';
import { afterReportMarkdown } from './after-report-markdown.js';
import { afterReportPdf } from './after-report-pdf.js';
import { getAfterReport } from './after-report.js';

export type AfterReportDocument = { format: 'markdown'; body: string; filename: string } | { format: 'pdf'; body: Buffer; filename: string };

/** The after report as a document to download; audited (who exported which event's report, in which format). */
export async function exportAfterReport(ctx: AppContext, { actor, eventId, format }: { actor: Actor; eventId: string; format: 'markdown' | 'pdf' }): Promise<AfterReportDocument> {
  const report = await getAfterReport(ctx, { actor, eventId });
  const filename = `after-report-${report.event.id.slice(0, 8)}.${format === 'pdf' ? 'pdf' : 'md'}`;
  const document: AfterReportDocument = format === 'pdf' ? { format, body: await afterReportPdf(report), filename } : { format, body: afterReportMarkdown(report), filename };
  await ctx.store.db.transaction().execute((trx) => auditAs(trx, actor, { action: 'event.report.export', entityType: 'disruption_event', entityId: report.event.id, data: { format, comparison: report.comparison.status } }));
  return document;
}
