/**
 * The border on a Special Priorities Assistance request (15 CFR 700.50): a partner nation reads
 * the partner view of an SPA only when one of its orders is the rated order of that partner's
 * SOSA request held by the company that performs it. An SPA about an order that was rejected or
 * replaced concerns a company the partner may not know of (request.ts), so it does not cross.
 *
 * The partner view itself is built here (`spaPartnerView`), once, for a partner nation's officer
 * reading on a shared instance (services/spa/spa-view.ts) and for the `spa.set` message to that
 * nation's instance (services/federation/share-spa-change.ts, issue #13): the status, orders,
 * program, action requested and outcome — never the company's contact, the problem text, what it
 * tried, the order ids of its book or the history (BIS-999 is business-confidential, DPA 705(d)).
 */
export interface SpaOrderLink {
  /** The company whose book holds the order (the SPA's filer). */
  orderCompany: string;
  request: { id: string; arrangementId: string; fromNation: string; toNation: string; supplierOrganisationId: string | null };
}

/** A SOSA request an SPA concerns, as a message names it (its nations and arrangement, nothing of its content). */
export interface SpaRequestRef {
  id: string;
  arrangementId: string;
  fromNation: string;
  toNation: string;
}

/** The nations (other than the filer's) that read the SPA's partner view. */
export function spaPartnerNations(filerNation: string, links: readonly SpaOrderLink[]): string[] {
  const nations: string[] = [];
  for (const link of links) {
    if (link.request.supplierOrganisationId !== link.orderCompany) continue;
    for (const n of [link.request.fromNation, link.request.toNation]) if (n !== filerNation && !nations.includes(n)) nations.push(n);
  }
  return nations;
}

/**
 * The requests that explain `nation`'s read of the SPA (the arrangement explains every read by
 * another nation, DESIGN.md): those of `nation` whose rated order the filer holds and performs.
 * Empty when `nation` does not read it.
 */
export function spaReadExplainedBy(filerNation: string, links: readonly SpaOrderLink[], nation: string): SpaRequestRef[] {
  if (nation === filerNation) return [];
  const refs: SpaRequestRef[] = [];
  for (const { orderCompany, request: r } of links) {
    if (r.supplierOrganisationId !== orderCompany || (r.fromNation !== nation && r.toNation !== nation)) continue;
    if (!refs.some((x) => x.id === r.id)) refs.push({ id: r.id, arrangementId: r.arrangementId, fromNation: r.fromNation, toNation: r.toNation });
  }
  return refs;
}

export type SpaStatusWord = 'draft' | 'submitted' | 'under_review' | 'forwarded_to_commerce' | 'resolved' | 'denied' | 'withdrawn';

/** What the partner view is built from: the SPA's row, its orders and the filing company's name. */
export interface SpaFacts {
  id: string;
  reference: string;
  status: SpaStatusWord;
  nation: string;
  organisationId: string;
  companyName: string;
  program: string;
  actionRequested: string;
  outcomeNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  forwardedAt: Date | null;
  closedAt: Date | null;
  version: number;
  orders: ReadonlyArray<SpaOrderFacts>;
}

/** One order line of an SPA as its table holds it. */
export interface SpaOrderFacts {
  line_no: number;
  order_number: string;
  rating: string;
  items: string;
  quantity: number;
  required_delivery_date: string;
  promised_delivery_date: string | null;
}

/**
 * One order line as every view of an SPA shows it. Only the filer's own views carry `orderId`
 * (the line's order in its book); the partner view passes null, as the book stays the filer's.
 */
export function spaOrderLine<Id extends string | null>(o: SpaOrderFacts, orderId: Id) {
  return {
    lineNo: o.line_no,
    orderId,
    orderNumber: o.order_number,
    rating: o.rating,
    items: o.items,
    quantity: o.quantity,
    requiredDeliveryDate: o.required_delivery_date,
    promisedDeliveryDate: o.promised_delivery_date,
  };
}

/** The partner view of an SPA: the shape `GET /spa-requests/{id}` answers with `view: 'partner'`, and the body of `spa.set`. */
export interface SpaPartnerView {
  id: string;
  reference: string;
  status: SpaStatusWord;
  view: 'partner';
  nation: string;
  company: { id: string; name: string };
  requester: null;
  customer: null;
  supplier: null;
  orders: Array<{ lineNo: number; orderId: null; orderNumber: string; rating: string; items: string; quantity: number; requiredDeliveryDate: string; promisedDeliveryDate: string | null }>;
  program: string;
  problem: null;
  attemptsMade: null;
  actionRequested: string;
  outcomeNote: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  forwardedAt: string | null;
  closedAt: string | null;
  version: number;
  /** A partner nation reads; it takes no step on the SPA. */
  actions: [];
  events: null;
}

export function spaPartnerView(s: SpaFacts): SpaPartnerView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: s.id,
    reference: s.reference,
    status: s.status,
    view: 'partner',
    nation: s.nation,
    company: { id: s.organisationId, name: s.companyName },
    requester: null,
    customer: null,
    supplier: null,
    orders: s.orders.map((o) => spaOrderLine(o, null)),
    program: s.program,
    problem: null,
    attemptsMade: null,
    actionRequested: s.actionRequested,
    outcomeNote: s.outcomeNote,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    submittedAt: iso(s.submittedAt),
    forwardedAt: iso(s.forwardedAt),
    closedAt: iso(s.closedAt),
    version: s.version,
    actions: [],
    events: null,
  };
}
