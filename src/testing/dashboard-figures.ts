import type { TestApp } from './test-app.js';

/**
 * The dashboard's figures, computed the slow way from the list routes a user calls: what the
 * dashboard shows must equal what the user could list (a section the user may not list: null).
 */
export interface ListedFigures {
  openRequests: Record<string, { incoming: number; outgoing: number }>;
  overdueRequests: number;
  actionItems: { open: number; overdue: number };
  postings: { active: number; ending: number } | null;
  spa: Record<string, number> | null;
  programs: Record<string, number> | null;
  codeOfConduct: Record<string, number>;
  logistics: { openOrders: number; overdue: number } | null;
  unread: number;
}

const countBy = (items: Array<{ status: string }>) => {
  const out: Record<string, number> = {};
  for (const i of items) out[i.status] = (out[i.status] ?? 0) + 1;
  return out;
};

export async function listedFigures(t: TestApp, token: string, nation: string): Promise<ListedFigures> {
  const get = (path: string) => t.call(token, 'GET', path);
  const terminal = new Set((await t.ctx.workflows.all()).flatMap((w) => w.states.filter((s) => s.terminal).map((s) => s.id)));
  const requests: Array<{ state: string; fromNation: string; toNation: string }> = [];
  for (let offset = 0; ; offset += 200) {
    const page = await get(`/requests?limit=200&offset=${offset}`);
    if (page.status !== 200) throw new Error(`GET /requests: ${page.status}`);
    requests.push(...page.body.items);
    if (requests.length >= page.body.total || page.body.items.length === 0) break;
  }
  const openRequests: ListedFigures['openRequests'] = {};
  for (const r of requests.filter((x) => !terminal.has(x.state))) {
    const s = (openRequests[r.state] ??= { incoming: 0, outgoing: 0 });
    if (r.toNation === nation) s.incoming += 1;
    if (r.fromNation === nation) s.outgoing += 1;
  }
  const [overdue, itemsOpen, itemsOverdue, active, ending, spa, programs, coc, ledgerOpen, balances, unread] = await Promise.all([
    get('/requests?overdue=true&limit=1'),
    get('/action-items?status=open'),
    get('/action-items?overdue=true'),
    get('/liaison-officers?status=active'),
    get('/liaison-officers?endingWithinDays=60'),
    get('/spa-requests'),
    get('/programs'),
    get('/code-of-conduct/subscribers'),
    get('/logistics/orders?status=open'),
    get('/logistics/balances'),
    get('/notifications/unread-count'),
  ]);
  const ok = (res: { status: number }) => {
    if (res.status !== 200 && res.status !== 403) throw new Error(`a list route answered ${res.status}`);
    return res.status === 200;
  };
  return {
    openRequests,
    overdueRequests: overdue.body.total,
    actionItems: { open: itemsOpen.body.items.length, overdue: itemsOverdue.body.items.length },
    postings: ok(active) && ok(ending) ? { active: active.body.items.length, ending: ending.body.items.length } : null,
    spa: ok(spa) ? countBy(spa.body.items) : null,
    programs: ok(programs) ? countBy(programs.body.items) : null,
    codeOfConduct: ok(coc) ? countBy(coc.body.items) : {},
    logistics: ok(ledgerOpen) && ok(balances) ? { openOrders: ledgerOpen.body.items.length, overdue: balances.body.overdue.length } : null,
    unread: unread.body.unread,
  };
}

/** The same figures as the dashboard shows them. */
export function dashboardFigures(d: any): ListedFigures {
  const openRequests: ListedFigures['openRequests'] = {};
  for (const s of d.requests.open.byState) openRequests[s.state] = { incoming: s.incoming, outgoing: s.outgoing };
  return {
    openRequests,
    overdueRequests: d.requests.overdue,
    actionItems: { open: d.actionItems.open, overdue: d.actionItems.overdue },
    postings: d.liaison && { active: d.liaison.active, ending: d.liaison.ending },
    spa: d.spa?.byStatus ?? null,
    programs: d.programs?.byStatus ?? null,
    codeOfConduct: d.codeOfConduct?.byStatus ?? {},
    logistics: d.logistics && { openOrders: d.logistics.openOrders, overdue: d.logistics.overdue },
    unread: d.notifications.unread,
  };
}
