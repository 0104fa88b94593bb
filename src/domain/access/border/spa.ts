/**
 * The border on a Special Priorities Assistance request (15 CFR 700.50): a partner nation reads
 * the partner view of an SPA only when one of its orders is the rated order of that partner's
 * SOSA request held by the company that performs it. An SPA about an order that was rejected or
 * replaced concerns a company the partner may not know of (request.ts), so it does not cross.
 */
export interface SpaOrderLink {
  /** The company whose book holds the order (the SPA's filer). */
  orderCompany: string;
  request: { fromNation: string; toNation: string; supplierOrganisationId: string | null };
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
