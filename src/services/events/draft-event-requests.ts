import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { draftRequestsFromImpact, type RequestDraftProposal } from '../../analytics/events/draft-requests.js';
import type { SupplyNetwork } from '../../analytics/network/network-model.js';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import { auditAs } from '../../store/audit.repository.js';
import { listNetworkModels } from '../../store/disruption-events.repository.js';
import { discardOpenDrafts, insertDraftRows, listPartnerNations, listProgramsOfNation } from '../../store/event-requests.repository.js';
import type { AppContext } from '../context.js';
import type { DraftBasis, DraftContent } from './draft-content.js';
import { readyEventImpact } from './event-impact-runner.js';
import { listEventRequests, type EventRequestView } from './event-request-drafts-view.js';
import { impactEventOf, loadEvent } from './load-event.js';

type Program = { id: string; name: string; network_id: string | null };

/**
 * The register program a drafted request cites: the one named as the end item's program (exactly,
 * then by the start of its name), else the one linked to the network, else the one named as the
 * network's own program; null when none fits — the officer chooses before submitting.
 */
export function matchProgram(programs: readonly Program[], analysisProgram: string, network: { id: string; program: string }): string | null {
  const named = (words: string) => {
    const name = words.trim().toLowerCase();
    if (!name) return undefined;
    return programs.find((p) => p.id.toLowerCase() === name || p.name.toLowerCase() === name) ?? programs.find((p) => p.name.toLowerCase().startsWith(name));
  };
  return (named(analysisProgram) ?? programs.find((p) => p.network_id === network.id) ?? named(network.program))?.id ?? null;
}

/** "Combustor for F414-INS6 engine"; an end item asked for itself is named once, not "kit for kit". */
function describeLine(l: RequestDraftProposal['lines'][number]): string {
  const served = [...new Set(l.endItems.filter((e) => !l.causeNodes.includes(e.nodeId)).map((e) => e.part))];
  return served.length > 0 ? `${l.part} for ${served.join(', ')}` : `${l.part} (the end item itself)`;
}

function contentOf(p: RequestDraftProposal, toNation: string | null, programId: string | null): DraftContent {
  return {
    toNation,
    title: p.title,
    programId,
    justification: p.justification,
    // An event that stops output is an emergency for the program; the officer may say otherwise.
    urgency: 'emergency',
    classification: 'UNCLASSIFIED',
    requiredBy: p.requiredBy,
    items: p.lines.map((l) => ({
      partNumber: l.part.slice(0, 100),
      description: describeLine(l).slice(0, 500),
      quantity: l.quantity,
      unit: 'units',
      requiredDeliveryDate: l.requiredDeliveryDate,
    })),
  };
}

function basisOf(p: RequestDraftProposal): DraftBasis {
  return {
    networkId: p.networkId,
    networkName: p.networkName,
    program: p.program,
    daysUntilOutputStops: p.daysUntilOutputStops,
    outputStopsOn: p.outputStopsOn,
    durationDays: p.durationDays,
    lostUnits: p.lostUnits,
    lines: p.lines.map(({ requiredDeliveryDate: _date, ...line }) => line),
  };
}

/**
 * "Ask the partner" (issue #15): drafts one priority-support request per program the event stops,
 * from its computed impact. Drafting again replaces the drafts not yet submitted. Drafts are the
 * nation's own (the partner sees a request only once the officer submits it).
 */
export async function draftEventRequests(ctx: AppContext, { actor, eventId }: { actor: Actor; eventId: string }): Promise<EventRequestView[]> {
  const row = await loadEvent(ctx.store.db, actor, eventId);
  if (row.status !== 'open') throw new AppError('CONFLICT', { detail: 'The event is closed: no more requests are drafted from it.' });
  const impact = await readyEventImpact(ctx, impactEventOf(row));
  if (!impact) throw new AppError('CONFLICT', { detail: 'The impact of the event is still being computed; draft the requests once it is shown.' });
  const networks = await listNetworkModels(ctx.store.db, actor.nation);
  const models = new Map(networks.map((n) => [n.id, n.model as SupplyNetwork]));
  const calendar = await ctx.calendars.get(actor.nation);
  const today = DateTime.fromJSDate(ctx.now(), { zone: calendar.definition.timeZone }).toISODate()!;
  const proposals = draftRequestsFromImpact(impact, { event: { title: row.title, startedAt: new Date(row.started_at).toISOString() }, today, models });
  if (proposals.length === 0) throw new AppError('CONFLICT', { detail: 'Every program the event strikes rides it out: there is no gap to ask the partner for.' });
  const partners = await listPartnerNations(ctx.store.db, actor.nation);
  // With one partner the draft names it; a hub nation chooses per draft.
  const toNation = partners.length === 1 ? partners[0]! : null;
  const programs = await listProgramsOfNation(ctx.store.db, actor.nation);
  const now = ctx.now();
  await ctx.store.db.transaction().execute(async (trx) => {
    const discarded = await discardOpenDrafts(trx, row.id, actor.userId, now);
    const rows = proposals.map((p) => ({
      id: randomUUID(),
      event_id: row.id,
      nation: actor.nation,
      status: 'draft' as const,
      content: JSON.stringify(contentOf(p, toNation, matchProgram(programs, p.program, { id: p.networkId, program: networks.find((n) => n.id === p.networkId)?.program ?? '' }))),
      basis: JSON.stringify(basisOf(p)),
      request_id: null,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
    }));
    await insertDraftRows(trx, rows);
    await auditAs(trx, actor, {
      action: 'event.requests.draft',
      entityType: 'disruption_event',
      entityId: row.id,
      data: { drafts: rows.map((r) => r.id), programs: proposals.map((p) => p.program), replaced: discarded },
    });
  });
  return listEventRequests(ctx, row.id);
}
