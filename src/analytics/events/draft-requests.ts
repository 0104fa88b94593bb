// Priority-support requests drafted from an event's impact (issue #15, "Ask the partner"). Pure.
//
// One draft per program that does not survive the event, one line per part at risk behind it:
// - Parts at risk: the causes the impact names for the program's end items that lose output (a
//   struck node's part, or the part of a node whose shipments travel a closed lane).
//   When the end item's own site is struck, only the end item is asked for, not its inputs too.
// - Quantity for the gap: the end item's lost output (units, §4 PI LP) converted to the part's
//   need: lost end-item units × the part's units per end-item unit, the product of the edge
//   quantities on the way from the part's node to the end item (the largest over several ways,
//   as §4 takes the largest quantity of an input group). Summed over the program's end items
//   (for one end item, two struck sources of one part count once: the largest need), then
//   rounded up to whole units. It is what the partner would have to supply for the program to
//   make up all the output the event takes.
// - Required by: the day output would stop — the event's start + the end item's days until its
//   output stops (the earliest of the end items a line serves); never before today, since a
//   request for a past date is refused (the justification keeps the real day).
// - Justification: the event, the program, the days to stop, the lost output — generated from the
//   analysis; the officer reads and edits it before submitting (it is all the partner will see).
import type { SupplyNetwork } from '../network/network-model.js';
import type { NetworkImpact } from './event-impact.js';

const DAY_MS = 86_400_000;

export interface DraftLine {
  part: string;
  /** Whole units asked for (the exact need rounded up). */
  quantity: number;
  exactNeed: number;
  requiredDeliveryDate: string;
  /** The end items the part feeds that lose output, each with the part's units per end-item unit. */
  endItems: Array<{ nodeId: string; part: string; lostUnits: number; needPerUnit: number }>;
  /** The struck nodes (or nodes on closed lanes) that make this part. */
  causeNodes: string[];
}

export interface RequestDraftProposal {
  networkId: string;
  networkName: string;
  /** The program as the network names it. */
  program: string;
  title: string;
  justification: string;
  requiredBy: string;
  /** The day output would stop (may lie before today). */
  outputStopsOn: string;
  daysUntilOutputStops: number;
  durationDays: number;
  lostUnits: number;
  lines: DraftLine[];
}

export interface DraftContext {
  event: { title: string; startedAt: string };
  /** Today in the drafting nation's time zone (YYYY-MM-DD). */
  today: string;
  /** The networks the impact was computed on, by id (for the bill of materials). */
  models: ReadonlyMap<string, SupplyNetwork>;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The day `days` after the instant, as YYYY-MM-DD (UTC day of the instant plus whole days elapsed). */
export function dayAfter(startedAt: string, days: number): string {
  return new Date(Date.parse(startedAt) + Math.floor(days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Units of `fromId` needed per unit of `toId`: the product of edge quantities along the bill of
 * materials, the largest over the ways from one to the other; 1 for the end item itself; 0 when
 * `fromId` does not feed `toId`.
 */
export function needPerUnit(network: SupplyNetwork, fromId: string, toId: string): number {
  if (fromId === toId) return 1;
  const inputsOf = new Map<string, Array<{ from: string; quantity: number }>>();
  for (const e of network.edges) {
    const list = inputsOf.get(e.to) ?? [];
    list.push({ from: e.from, quantity: e.quantity ?? 1 });
    inputsOf.set(e.to, list);
  }
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const need = (node: string): number => {
    if (node === fromId) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    if (visiting.has(node)) return 0; // a cycle gives no finite need; validated networks have none
    visiting.add(node);
    let best = 0;
    for (const input of inputsOf.get(node) ?? []) best = Math.max(best, input.quantity * need(input.from));
    visiting.delete(node);
    memo.set(node, best);
    return best;
  };
  return need(toId);
}

/** The drafts an event's impact calls for: one per program that loses output, in the order of the impact. */
export function draftRequestsFromImpact(networks: readonly NetworkImpact[], ctx: DraftContext): RequestDraftProposal[] {
  const drafts: RequestDraftProposal[] = [];
  for (const impact of networks) {
    const model = ctx.models.get(impact.networkId);
    if (!model || impact.status !== 'optimal') continue;
    for (const program of impact.programs) {
      if (program.survives !== false) continue;
      const losing = impact.endItems.filter((e) => e.programs.includes(program.program) && e.survives === false && e.lostUnits > 0);
      if (losing.length === 0) continue;
      const lines = new Map<string, DraftLine & { earliestStop: number }>();
      for (const item of losing) {
        const stop = item.daysUntilOutputStops ?? 0;
        // For this end item, the largest need among the causes that make each part.
        const byPart = new Map<string, { need: number; nodes: string[] }>();
        // When the end item's own site is struck, the partner is asked for the end item only: its
        // inputs are what that site would have turned into it, so asking for both would count the
        // gap twice (a kit and, again, the combustors inside it).
        const selfStruck = item.causes.filter((c) => c.nodeId === item.nodeId && c.reason !== 'seaLane');
        for (const cause of selfStruck.length > 0 ? selfStruck : item.causes) {
          const need = needPerUnit(model, cause.nodeId, item.nodeId);
          if (need <= 0) continue;
          const entry = byPart.get(cause.part) ?? { need: 0, nodes: [] };
          entry.need = Math.max(entry.need, need);
          if (!entry.nodes.includes(cause.nodeId)) entry.nodes.push(cause.nodeId);
          byPart.set(cause.part, entry);
        }
        for (const [part, { need, nodes }] of byPart) {
          let line = lines.get(part);
          if (!line) lines.set(part, (line = { part, quantity: 0, exactNeed: 0, requiredDeliveryDate: '', endItems: [], causeNodes: [], earliestStop: stop }));
          line.exactNeed = round(line.exactNeed + item.lostUnits * need);
          line.endItems.push({ nodeId: item.nodeId, part: item.part, lostUnits: item.lostUnits, needPerUnit: need });
          for (const n of nodes) if (!line.causeNodes.includes(n)) line.causeNodes.push(n);
          line.earliestStop = Math.min(line.earliestStop, stop);
        }
      }
      if (lines.size === 0) continue;
      const stopDays = Math.min(...losing.map((e) => e.daysUntilOutputStops ?? 0));
      const outputStopsOn = dayAfter(ctx.event.startedAt, stopDays);
      const notPast = (d: string) => (d < ctx.today ? ctx.today : d);
      const draftLines: DraftLine[] = [...lines.values()].map(({ earliestStop, ...line }) => ({
        ...line,
        quantity: Math.max(1, Math.ceil(line.exactNeed - 1e-9)),
        requiredDeliveryDate: notPast(dayAfter(ctx.event.startedAt, earliestStop)),
      }));
      const lostUnits = round(losing.reduce((s, e) => s + e.lostUnits, 0));
      const parts = draftLines.map((l) => l.part);
      const endItemParts = [...new Set(losing.map((e) => e.part))];
      // "Without kits, output of kits stops" says nothing: the inputs are named, an end item asked for itself is not.
      const inputParts = parts.filter((p) => !endItemParts.includes(p));
      drafts.push({
        networkId: impact.networkId,
        networkName: impact.networkName,
        program: program.program,
        title: clip(`${program.program}: ${parts.join(', ')} after ${ctx.event.title}`, 200),
        justification: clip(
          [
            `Disruption: ${ctx.event.title}, since ${ctx.event.startedAt.slice(0, 10)}.`,
            `${inputParts.length > 0 ? `Without ${listWords(inputParts)}, output` : 'With the sites that make it struck, output'} of ${listWords(endItemParts)} for the ${program.program} program stops in ${round(stopDays, 1)} days (${outputStopsOn}); ${round(lostUnits, 1)} units would be lost over the ${impact.durationDays}-day disruption.`,
            `Requested: ${draftLines.map((l) => `${l.quantity} × ${l.part}`).join('; ')} — the parts that output needs (lost units × the parts in each unit), by the day output would stop.`,
          ].join('\n'),
          8000,
        ),
        requiredBy: draftLines.reduce((m, l) => (l.requiredDeliveryDate < m ? l.requiredDeliveryDate : m), draftLines[0]!.requiredDeliveryDate),
        outputStopsOn,
        daysUntilOutputStops: round(stopDays, 1),
        durationDays: impact.durationDays,
        lostUnits,
        lines: draftLines,
      });
    }
  }
  return drafts;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
