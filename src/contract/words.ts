// The words people read for some of the API's values, written once for the server (notifications,
// e-mails) and the web UI. No imports: the web bundle takes this file as it is.

/** Special Priorities Assistance request status (15 CFR 700.50–700.55). */
export const SPA_STATUS_WORDS = {
  draft: 'Draft',
  submitted: 'Submitted',
  under_review: 'Under review',
  forwarded_to_commerce: 'Forwarded to Commerce',
  resolved: 'Resolved',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
} as const;

/** The steps of an SPA request. */
export const SPA_ACTION_WORDS = { submit: 'Submit', withdraw: 'Withdraw', start_review: 'Start review', forward_to_commerce: 'Forward to Commerce', resolve: 'Resolve', deny: 'Deny' } as const;

/** What a point of contact does for the arrangement (the directory's functions, in the order the forms offer them). */
export const CONTACT_FUNCTION_WORDS = {
  sosa_lead: 'SOSA lead',
  dpas_priorities: 'DPAS / priorities',
  industrial_base: 'Industrial base',
  logistics: 'Logistics',
  legal: 'Legal',
  other: 'Other',
} as const;
export type ContactFunction = keyof typeof CONTACT_FUNCTION_WORDS;
export const CONTACT_FUNCTIONS = Object.keys(CONTACT_FUNCTION_WORDS) as [ContactFunction, ...ContactFunction[]];
