// The after report of a closed disruption event (issue #15, "After"): how fast the nation moved
// — from the event's start to its record, to the first priority request, to every struck site
// restored — and the output the actions saved against the no-action analysis. Pure: the facts
// come from the service (after-report.ts in src/services/events), the analyses from the §4
// engine (supply-resilience.md §4) run three ways:
//   - no action: the event as first modelled — no company answer, no site status, no partner supply;
//   - with the answers: the companies' answers and the sites' statuses in place (what the event
//     turned out to be, and what the companies did themselves: stock, alternative capacity);
//   - with action: the answers plus the parts the partner accepted to supply, arriving on their
//     delivery date (delivered) or their required delivery date (accepted, not yet delivered).
// Lost output avoided = no action − with action; of which the partner's supply = with the
// answers − with action. Both are modelled figures, not measured output: the report says so.
import { SITE_STATUS_WORDS, type SiteStatus } from './site-status.js';

const HOUR_MS = 3_600_000;

/** A span between two milestones; null `hours` when the later milestone has not happened. */
export interface MilestoneSpan {
  hours: number | null;
  /** "2 d 5 h", "40 min", "3 h before the start", or why there is no span. */
  text: string;
}

export interface Milestone {
  at: string | null;
  /** From the event's start to this milestone. */
  sinceStart: MilestoneSpan;
}

export interface StruckSiteFact {
  networkId: string;
  nodeId: string;
  part: string;
  /** Status changes, oldest first (an empty list: still Potential). */
  history: ReadonlyArray<{ status: Exclude<SiteStatus, 'potential'>; setAt: string }>;
}

/** One program's figures in one analysis (absent from an analysis: it lost nothing there). */
export interface ProgramLoss {
  networkId: string;
  networkName: string;
  currency: string;
  program: string;
  lostUnits: number;
  lostValue: number;
}

/** An analysis, or null while it is computing or when it failed (the report says which). */
export type AnalysisLosses = { status: 'ready'; programs: readonly ProgramLoss[] } | { status: 'computing' | 'failed' };

export interface AfterReportFacts {
  event: { startedAt: string; recordedAt: string; closedAt: string };
  /** When the first request drafted from the event was submitted; null: none was. */
  firstRequestSubmittedAt: string | null;
  sites: readonly StruckSiteFact[];
  noAction: AnalysisLosses;
  withAnswers: AnalysisLosses;
  withAction: AnalysisLosses;
}

export interface ProgramComparison {
  networkId: string;
  networkName: string;
  program: string;
  currency: string;
  noAction: { lostUnits: number; lostValue: number };
  withAnswers: { lostUnits: number; lostValue: number };
  withAction: { lostUnits: number; lostValue: number };
  avoided: { lostUnits: number; lostValue: number };
  /** The part of `avoided` the partner's supply made. */
  avoidedBySupply: { lostUnits: number; lostValue: number };
}

export interface AfterReport {
  milestones: {
    started: Milestone;
    recorded: Milestone;
    firstRequest: Milestone;
    /** Every struck site that was hit restored: the last of them; null `at` when not (yet). */
    restored: Milestone & { sitesHit: number; sitesRestored: number };
    closed: Milestone;
  };
  /** Per-site state at the close. */
  sites: Array<{ networkId: string; nodeId: string; part: string; status: SiteStatus; statusLabel: string; restoredAt: string | null }>;
  comparison: { status: 'ready' | 'computing' | 'failed'; programs: ProgramComparison[]; totals: Array<{ currency: string; noActionValue: number; withActionValue: number; avoidedValue: number }> };
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** "3 d 4 h", "5 h 20 min", "40 min"; a negative span reads "… before the start". */
export function spanText(ms: number): string {
  const before = ms < 0;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const words = d > 0 ? [`${d} d`, ...(h > 0 ? [`${h} h`] : [])] : h > 0 ? [`${h} h`, ...(m > 0 ? [`${m} min`] : [])] : [`${m} min`];
  return before ? `${words.join(' ')} before the start` : words.join(' ');
}

function milestone(startedAt: string, at: string | null, missing: string): Milestone {
  if (at === null) return { at: null, sinceStart: { hours: null, text: missing } };
  const ms = Date.parse(at) - Date.parse(startedAt);
  return { at, sinceStart: { hours: round(ms / HOUR_MS, 2), text: spanText(ms) } };
}

/**
 * The sites that were hit are those whose last status is not No impact (a site left Potential is
 * counted as hit: nobody said otherwise). All restored: the last restoration; otherwise not yet.
 */
function restoration(sites: readonly StruckSiteFact[]) {
  const rows = sites.map((s) => {
    const last = s.history.at(-1)?.status ?? 'potential';
    const restoredAt = last === 'restored' ? s.history.at(-1)!.setAt : null;
    return { networkId: s.networkId, nodeId: s.nodeId, part: s.part, status: last as SiteStatus, statusLabel: SITE_STATUS_WORDS[last], restoredAt };
  });
  const hit = rows.filter((r) => r.status !== 'noImpact');
  const restored = hit.filter((r) => r.restoredAt !== null);
  const lastRestored = restored.reduce<string | null>((m, r) => (m === null || Date.parse(r.restoredAt!) > Date.parse(m) ? r.restoredAt : m), null);
  return { rows, hit: hit.length, restored: restored.length, at: hit.length > 0 && restored.length === hit.length ? lastRestored : null };
}

const key = (p: { networkId: string; program: string }) => `${p.networkId}\u0000${p.program}`;

function compare(facts: AfterReportFacts): AfterReport['comparison'] {
  const analyses = [facts.noAction, facts.withAnswers, facts.withAction];
  const failed = analyses.some((a) => a.status === 'failed');
  if (failed || analyses.some((a) => a.status === 'computing')) return { status: failed ? 'failed' : 'computing', programs: [], totals: [] };
  const [noAction, withAnswers, withAction] = analyses.map((a) => new Map((a as { programs: readonly ProgramLoss[] }).programs.map((p) => [key(p), p])));
  const programs: ProgramComparison[] = [];
  const seen = new Set<string>();
  for (const source of [noAction!, withAnswers!, withAction!]) {
    for (const [k, p] of source) {
      if (seen.has(k)) continue;
      seen.add(k);
      const loss = (m: Map<string, ProgramLoss>) => ({ lostUnits: round(m.get(k)?.lostUnits ?? 0), lostValue: round(m.get(k)?.lostValue ?? 0, 2) });
      const a = loss(noAction!);
      const b = loss(withAnswers!);
      const c = loss(withAction!);
      programs.push({
        networkId: p.networkId,
        networkName: p.networkName,
        program: p.program,
        currency: p.currency,
        noAction: a,
        withAnswers: b,
        withAction: c,
        avoided: { lostUnits: round(a.lostUnits - c.lostUnits), lostValue: round(a.lostValue - c.lostValue, 2) },
        avoidedBySupply: { lostUnits: round(b.lostUnits - c.lostUnits), lostValue: round(b.lostValue - c.lostValue, 2) },
      });
    }
  }
  // Values add up only within one currency.
  const totals = new Map<string, { currency: string; noActionValue: number; withActionValue: number; avoidedValue: number }>();
  for (const p of programs) {
    const t = totals.get(p.currency) ?? { currency: p.currency, noActionValue: 0, withActionValue: 0, avoidedValue: 0 };
    t.noActionValue = round(t.noActionValue + p.noAction.lostValue, 2);
    t.withActionValue = round(t.withActionValue + p.withAction.lostValue, 2);
    t.avoidedValue = round(t.avoidedValue + p.avoided.lostValue, 2);
    totals.set(p.currency, t);
  }
  return { status: 'ready', programs, totals: [...totals.values()] };
}

/** The after report from the event's facts and its three analyses. */
export function buildAfterReport(facts: AfterReportFacts): AfterReport {
  const start = facts.event.startedAt;
  const sites = restoration(facts.sites);
  const restoredMissing = sites.hit === 0 ? 'no site was hit (every struck site had no impact)' : `not yet: ${sites.hit - sites.restored} of ${sites.hit} sites hit not restored at the close`;
  return {
    milestones: {
      started: milestone(start, start, ''),
      recorded: milestone(start, facts.event.recordedAt, ''),
      firstRequest: milestone(start, facts.firstRequestSubmittedAt, 'no request was submitted'),
      restored: { ...milestone(start, sites.at, restoredMissing), sitesHit: sites.hit, sitesRestored: sites.restored },
      closed: milestone(start, facts.event.closedAt, ''),
    },
    sites: sites.rows,
    comparison: compare(facts),
  };
}
