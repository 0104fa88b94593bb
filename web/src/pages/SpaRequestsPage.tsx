// Special Priorities Assistance (15 CFR 700.50–700.55, Form BIS-999): the list, the filing form
// for suppliers and the detail with the review steps of the SOSA office / DoD and Commerce.
import { NewSpaForm } from './spa/NewSpaForm.js';
import { SpaDetailView } from './spa/SpaDetailView.js';
import { SpaList } from './spa/SpaList.js';

export function SpaRequestsPage({ id, query }: { id?: string; query: URLSearchParams }) {
  if (id === 'new') return <NewSpaForm />;
  if (id) return <SpaDetailView id={id} />;
  return <SpaList query={query} />;
}
