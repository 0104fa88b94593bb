// Orders the companies of a "route to Code of Conduct companies" step by the registry's ranking
// (GET /requests/{id}/candidate-subscribers): best match for the request first, with the reasons.
import { useEffect, useState } from 'react';
import { partnershipApi } from '../api/registers.js';
import type { ActionSpec, Company } from '../api/types.js';

export type RankedCompany = Company & { match?: string };

export function useRankedCompanies(requestId: string, action: ActionSpec, companies: Company[]): RankedCompany[] {
  const wants = action.fields.some((f) => f.type === 'companies');
  const [ranked, setRanked] = useState<RankedCompany[]>(companies);
  // The caller may pass a new array of the same companies on each render: follow the ids.
  const ids = companies.map((c) => c.id).join(',');
  useEffect(() => {
    setRanked(companies);
    if (!wants) return;
    let live = true;
    partnershipApi.candidateSubscribers(requestId).then(
      ({ items }) => {
        if (!live) return;
        const order = new Map(items.map((c, i) => [c.organisationId, i]));
        const hints = new Map(items.map((c) => [c.organisationId, c.matchScore > 0 ? `Best match: ${c.reasons.join('; ')}` : undefined]));
        const sorted = [...companies].sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
        setRanked(sorted.map((c) => ({ ...c, match: hints.get(c.id) })));
      },
      // No ranking (e.g. not a Code of Conduct request): keep the plain list.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [requestId, wants, ids]);
  return ranked;
}
