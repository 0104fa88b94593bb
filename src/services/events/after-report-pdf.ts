// The after report as a PDF (issue #15, "exportable as PDF or Markdown"), drawn with pdfkit
// (its built-in table, pdfkit ≥ 0.17): the same sections as the Markdown document.
import PDFDocument from 'pdfkit';
import { kindWords } from './after-report-markdown.js';
import type { EventAfterReport } from './after-report.js';

// The standard PDF fonts speak WinAnsi: typographic signs outside it would print as garbage.
const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[−–—]/g, '-').replace(/→/g, '->').replace(/§/g, 'sec. ').replace(/[^\x20-\x7E\xA0-\xFF\n]/g, '?');
const num = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const money = (x: number, currency: string) => `${currency} ${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const when = (iso: string | null) => (iso === null ? '-' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);

export function afterReportPdf(r: EventAfterReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: plain(`After report: ${r.event.title}`), Subject: 'SOSA Desk disruption event after report' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(plain(text)).moveDown(0.3).font('Helvetica').fontSize(10);
  const table = (rows: string[][]) => {
    doc.table({ rowStyles: (i: number) => (i === 0 ? { backgroundColor: '#e8ecf2' } : {}), data: rows.map((row) => row.map(plain)) });
    doc.moveDown(0.5);
  };

  doc.font('Helvetica-Bold').fontSize(18).text(plain(`After report: ${r.event.title}`));
  doc.font('Helvetica').fontSize(10).text(plain(`Event ${r.event.id} (${kindWords(r.event.kind)}), closed ${when(r.event.closedAt)}.`));
  if (r.event.closingNote) doc.moveDown(0.3).font('Helvetica-Oblique').text(plain(r.event.closingNote)).font('Helvetica');

  const m = r.milestones;
  heading('Milestones');
  table([
    ['Milestone', 'When', 'Since the start'],
    ['Started', when(m.started.at), '-'],
    ['Recorded', when(m.recorded.at), m.recorded.sinceStart.text],
    ['First request submitted', when(m.firstRequest.at), m.firstRequest.sinceStart.text],
    [`All sites hit restored (${m.restored.sitesRestored} of ${m.restored.sitesHit})`, when(m.restored.at), m.restored.sinceStart.text],
    ['Closed', when(m.closed.at), m.closed.sinceStart.text],
  ]);

  heading('Lost output: no action versus what happened');
  if (r.comparison.status !== 'ready') doc.text(r.comparison.status === 'computing' ? 'The analyses are still being computed: export the report again in a moment.' : 'An analysis failed; the error is in the server log.');
  else if (r.comparison.programs.length === 0) doc.text('No program lost output in any analysis.');
  for (const p of r.comparison.status === 'ready' ? r.comparison.programs : []) {
    doc.font('Helvetica-Bold').text(plain(`${p.program} (${p.networkName})`)).font('Helvetica').moveDown(0.2);
    table([
      ['Analysis', 'Lost units', 'Lost value'],
      ['No action', num(p.noAction.lostUnits), money(p.noAction.lostValue, p.currency)],
      ['With the answers', num(p.withAnswers.lostUnits), money(p.withAnswers.lostValue, p.currency)],
      ['With action', num(p.withAction.lostUnits), money(p.withAction.lostValue, p.currency)],
      ['Avoided', num(p.avoided.lostUnits), money(p.avoided.lostValue, p.currency)],
      ["of which by the partner's supply", num(p.avoidedBySupply.lostUnits), money(p.avoidedBySupply.lostValue, p.currency)],
    ]);
  }
  for (const t of r.comparison.totals) doc.text(plain(`Total (${t.currency}): ${money(t.noActionValue, t.currency)} lost with no action, ${money(t.withActionValue, t.currency)} with action, ${money(t.avoidedValue, t.currency)} avoided.`));

  heading('Sites struck');
  if (r.sites.length === 0) doc.text("None of the nation's networks has a site the event strikes.");
  else table([['Site', 'Part', 'Status at the close', 'Restored'], ...r.sites.map((s) => [s.nodeId, s.part, s.statusLabel, when(s.restoredAt)])]);

  heading('Supplied by the partner');
  if (r.supply.length === 0) doc.text('No request was submitted to the partner.');
  else table([['Request', 'State', 'Part', 'Quantity', 'Arrives', 'Counted'], ...r.supply.map((l) => [l.reference, l.state, l.part, `${num(l.quantity, 3)} ${l.unit}`, `${l.arrivesOn} (${l.arrival === 'delivered' ? 'delivered' : 'required by'})`, l.counted ? 'yes' : `no: ${l.note ?? ''}`])]);

  heading('Method');
  doc.text(plain(r.method));
  doc.end();
  return done;
}
