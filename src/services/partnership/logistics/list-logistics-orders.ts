import type { Actor } from '../../../domain/access/actor.js';
import { listLogisticsOrderRows } from '../../../store/logistics.repository.js';
import type { AppContext } from '../../context.js';
import { presentOrder, todayUtc } from './present-logistics.js';

export interface OrderQuery {
  q?: string | undefined;
  status?: 'open' | 'settled' | 'overdue' | undefined;
  supportClass?: string | undefined;
  nation?: string | undefined;
  currency?: string | undefined;
}

export async function listLogisticsOrders(ctx: AppContext, actor: Actor, query: OrderQuery) {
  const now = ctx.now();
  const rows = await listLogisticsOrderRows(ctx.store.db, actor.nation, { ...query, today: todayUtc(now) });
  return rows.map((r) => presentOrder(r, now));
}
