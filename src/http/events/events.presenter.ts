import type { SiteAssumption } from '../../analytics/events/apply-answers.js';
import type { EventDetail } from '../../services/events/get-event.js';
import type { EventListItem, EventRecord, EventSummary } from '../../services/events/event-view.js';
import type { EventRequestView } from '../../services/events/event-request-drafts-view.js';
import type { EventDetailView, EventListItemView, EventRecordView, EventRequestViewSchema, EventSummaryView } from './events.schema.js';

function presentAssumption(a: SiteAssumption): EventDetailView['impact']['networks'][number]['struckNodes'][number]['assumption'] {
  return {
    disrupted: a.disrupted,
    disruptedFrom: a.disruptedFrom,
    outageDays: a.outageDays,
    outageFrom: a.outageFrom,
    stock: a.stock ? { unit: a.stock.unit, amount: a.stock.amount } : null,
    stockFrom: a.stockFrom,
    capacityDuringOutagePerDay: a.capacityDuringOutagePerDay,
    capacityDuringOutageFrom: a.capacityDuringOutageFrom,
    answer: a.answer ? { company: a.answer.company, answeredAt: a.answer.answeredAt } : null,
    status: a.status ? { status: a.status.status, setBy: a.status.setBy, setAt: a.status.setAt, via: a.status.via } : null,
  };
}

// The declared shapes of events.schema.ts, built field by field from what the use cases return.

export function presentEventSummary(e: EventSummary): EventSummaryView {
  return { id: e.id, title: e.title, kind: e.kind, startedAt: e.startedAt, expectedRecoveryAt: e.expectedRecoveryAt, confidence: e.confidence, status: e.status, origin: e.origin, externalId: e.externalId, recordedBy: e.recordedBy, recordedAt: e.recordedAt, closedAt: e.closedAt };
}

export function presentEventListItem(e: EventListItem): EventListItemView {
  return { ...presentEventSummary(e), impact: e.impact ? { status: e.impact.status, programsStopping: e.impact.programsStopping, firstStopDays: e.impact.firstStopDays, firstStopOn: e.impact.firstStopOn } : null };
}

export function presentEventRecord(e: EventRecord): EventRecordView {
  return { ...presentEventSummary(e), description: e.description, where: e.where, sources: e.sources };
}

export function presentEventDetail(e: EventDetail): EventDetailView {
  return {
    ...presentEventRecord(e),
    closing: e.closing,
    requests: e.requests.map(presentEventRequest),
    impact: {
      status: e.impact.status,
      error: e.impact.error,
      computedAt: e.impact.computedAt,
      durationDays: e.impact.durationDays,
      networksChecked: e.impact.networksChecked,
      networks: e.impact.networks.map((n) => ({
        networkId: n.networkId,
        networkName: n.networkName,
        currency: n.currency,
        struckNodes: n.struckNodes.map((s) => ({ nodeId: s.nodeId, kind: s.kind, part: s.part, owner: s.owner, country: s.country, latitude: s.latitude, longitude: s.longitude, reasons: s.reasons, places: s.places, assumption: presentAssumption(s.assumption) })),
        closedLanes: n.closedLanes,
        closedEdgeCount: n.closedEdgeCount,
        nodesWithoutCoordinates: n.nodesWithoutCoordinates,
        durationDays: n.durationDays,
        durationFrom: n.durationFrom,
        status: n.status,
        message: n.message,
        tts: n.tts,
        survives: n.survives,
        lostValue: n.lostValue,
        endItems: n.endItems.map((k) => ({
          nodeId: k.nodeId,
          part: k.part,
          programs: k.programs,
          survives: k.survives,
          daysUntilOutputStops: k.daysUntilOutputStops,
          lostUnits: k.lostUnits,
          lostValue: k.lostValue,
          causes: k.causes.map((c) => ({ nodeId: c.nodeId, part: c.part, owner: c.owner, country: c.country, reason: c.reason, ...(c.lane !== undefined ? { lane: c.lane } : {}) })),
        })),
        programs: n.programs.map((p) => ({ program: p.program, survives: p.survives, daysUntilOutputStops: p.daysUntilOutputStops, lostUnits: p.lostUnits, lostValue: p.lostValue, endItems: p.endItems, parts: p.parts, suppliers: p.suppliers })),
        warnings: n.warnings,
      })),
    },
  };
}

export function presentEventRequest(d: EventRequestView): EventRequestViewSchema {
  const c = d.content;
  return {
    id: d.id,
    status: d.status,
    version: d.version,
    updatedAt: d.updatedAt,
    content: {
      toNation: c.toNation,
      title: c.title,
      programId: c.programId,
      justification: c.justification,
      urgency: c.urgency,
      classification: c.classification,
      requiredBy: c.requiredBy,
      items: c.items.map((i) => ({ partNumber: i.partNumber, ...(i.nsn !== undefined ? { nsn: i.nsn } : {}), description: i.description, quantity: i.quantity, unit: i.unit, requiredDeliveryDate: i.requiredDeliveryDate })),
    },
    basis: {
      networkId: d.basis.networkId,
      networkName: d.basis.networkName,
      program: d.basis.program,
      daysUntilOutputStops: d.basis.daysUntilOutputStops,
      outputStopsOn: d.basis.outputStopsOn,
      durationDays: d.basis.durationDays,
      lostUnits: d.basis.lostUnits,
      lines: d.basis.lines.map((l) => ({ part: l.part, quantity: l.quantity, exactNeed: l.exactNeed, causeNodes: l.causeNodes, endItems: l.endItems.map((e) => ({ nodeId: e.nodeId, part: e.part, lostUnits: e.lostUnits, needPerUnit: e.needPerUnit })) })),
    },
    request: d.request,
  };
}
