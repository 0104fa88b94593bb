// Query keys, one family per API resource. A mutation invalidates the family (`all`) it changes,
// so every list and detail of that resource on screen reloads; nothing else does.

function resource<N extends string>(name: N) {
  return {
    all: [name] as const,
    list: (filter?: unknown) => [name, 'list', filter ?? {}] as const,
    detail: (id: string) => [name, 'detail', id] as const,
    /** A further read of the resource (candidates, a ledger's summary, …). */
    part: (part: string, ...args: unknown[]) => [name, part, ...args] as const,
  };
}

export const keys = {
  requests: resource('requests'),
  partnerCopies: resource('partner-copies'),
  commitments: resource('commitments'),
  subscriptions: resource('subscriptions'),
  postings: resource('postings'),
  programs: resource('programs'),
  pointsOfContact: resource('points-of-contact'),
  spaRequests: resource('spa-requests'),
  workingGroups: resource('working-groups'),
  logistics: resource('logistics'),
  ratedOrders: resource('rated-orders'),
  orderDesk: resource('order-desk'),
  flowDown: resource('flow-down'),
  users: resource('users'),
  organisations: resource('organisations'),
  calendars: resource('calendars'),
  analyses: resource('analyses'),
  events: resource('events'),
  surveys: resource('surveys'),
  postures: resource('postures'),
  notifications: resource('notifications'),
  /** The signed-in user's own account (second factors). */
  account: resource('account'),
  dashboard: resource('dashboard'),
};
