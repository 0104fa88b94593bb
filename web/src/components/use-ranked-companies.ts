// The companies a "route to Code of Conduct companies" step may choose: the registry's active
// subscribers, best match for the request first (GET /requests/{id}/candidate-subscribers), with
// the reasons; lapsed and withdrawn subscribers come apart, to be shown but not chosen.
import { useEffect, useState } from 'react';
import { partnershipApi, type UnavailableSubscriber } from '../api/registers.js';
import type { ActionSpec, Company } from '../api/types.js';

export type RankedCompany = Company & { match?: string };

export interface RoutingChoices {
  companies: RankedCompany[];
  unavailable: UnavailableSubscriber[];
  /** The registry is being read: the list is not final yet. */
  loading: boolean;
}

export function useRankedCompanies(requestId: string, action: ActionSpec, companies: Company[]): RoutingChoices {
  const wants = action.fields.some((f) => f.type === 'companies');
  const [choices, setChoices] = useState<RoutingChoices>({ companies: wants ? [] : companies, unavailable: [], loading: wants });
  // The caller may pass a new array of the same companies on each render: follow the ids.
  const ids = companies.map((c) => c.id).join(',');
  useEffect(() => {
    if (!wants) {
      setChoices({ companies, unavailable: [], loading: false });
      return;
    }
    let live = true;
    partnershipApi.candidateSubscribers(requestId).then(
      ({ items, unavailable }) => {
        if (!live) return;
        const byId = new Map(companies.map((c) => [c.id, c]));
        // Only the registry's active subscribers, in its order.
        const ranked = items.map((c): RankedCompany => ({
          ...(byId.get(c.organisationId) ?? { id: c.organisationId, name: c.name, shortName: c.shortName, nation: '', codeOfConductSince: c.subscribedOn }),
          codeOfConductSince: c.subscribedOn,
          match: c.matchScore > 0 ? `Best match: ${c.reasons.join('; ')}` : undefined,
        }));
        setChoices({ companies: ranked, unavailable: unavailable ?? [], loading: false });
      },
      // No ranking (not a Code of Conduct request, or no registry): keep the plain list.
      () => live && setChoices({ companies, unavailable: [], loading: false }),
    );
    return () => {
      live = false;
    };
  }, [requestId, wants, ids]);
  return choices;
}
