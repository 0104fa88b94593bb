import { api, type ApiError } from '../api/client.js';
import type { ActionSpec, Company, RequestDetail, TransitionResult } from '../api/types.js';
import { latestQuestion, StepDialog } from './StepDialog.js';
import { useRankedCompanies } from './use-ranked-companies.js';

interface Props {
  request: RequestDetail;
  action: ActionSpec;
  companies: Company[];
  onClose(): void;
  onDone(updated: TransitionResult): void;
  /** The request changed under the user (409) or the step is no longer theirs (403, 404). */
  onStale(error: ApiError): void;
}

/** The request changed under the user (409) or the step is no longer theirs (403, 404). */
const isStale = (e: ApiError) => e.status === 409 || e.status === 403 || e.status === 404;

/** A step on a request held here: sent as a transition; a stale step is the page's to handle (it reloads the request and says why). */
export function ActionDialog({ request, action, companies, onClose, onDone, onStale }: Props) {
  const routing = useRankedCompanies(request.id, action, companies);
  return (
    <StepDialog
      action={action}
      subject={request}
      question={latestQuestion(request.history, action, (e) => e.actor)}
      send={(payload) => api.transition(request.id, action.action, payload)}
      onClose={onClose}
      onDone={onDone}
      handsOver={isStale}
      onHandOver={onStale}
      routing={routing}
    />
  );
}
