import type { EventAfterReport } from '../../services/events/after-report.js';

/** The after report as the API sends it: every field named, nothing else. */
export function presentEventReport(r: EventAfterReport) {
  const span = (s: { hours: number | null; text: string }) => ({ hours: s.hours, text: s.text });
  const milestone = (m: EventAfterReport['milestones']['started']) => ({ at: m.at, sinceStart: span(m.sinceStart) });
  const loss = (l: { lostUnits: number; lostValue: number }) => ({ lostUnits: l.lostUnits, lostValue: l.lostValue });
  return {
    event: { ...r.event },
    milestones: {
      started: milestone(r.milestones.started),
      recorded: milestone(r.milestones.recorded),
      firstRequest: milestone(r.milestones.firstRequest),
      restored: { ...milestone(r.milestones.restored), sitesHit: r.milestones.restored.sitesHit, sitesRestored: r.milestones.restored.sitesRestored },
      closed: milestone(r.milestones.closed),
    },
    sites: r.sites.map((s) => ({ networkId: s.networkId, nodeId: s.nodeId, part: s.part, status: s.status, statusLabel: s.statusLabel, restoredAt: s.restoredAt })),
    comparison: {
      status: r.comparison.status,
      programs: r.comparison.programs.map((p) => ({ networkId: p.networkId, networkName: p.networkName, program: p.program, currency: p.currency, noAction: loss(p.noAction), withAnswers: loss(p.withAnswers), withAction: loss(p.withAction), avoided: loss(p.avoided), avoidedBySupply: loss(p.avoidedBySupply) })),
      totals: r.comparison.totals.map((t) => ({ ...t })),
    },
    supply: r.supply.map((l) => ({ reference: l.reference, state: l.state, part: l.part, quantity: l.quantity, unit: l.unit, arrivesOn: l.arrivesOn, arrival: l.arrival, counted: l.counted, note: l.note })),
    method: r.method,
  };
}
