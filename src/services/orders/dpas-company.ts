import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { Db } from '../../store/executor.js';
import { hasDpasDirectionTo } from '../../store/orders.repository.js';

/**
 * A nation's companies keep a DPAS order desk when requests reach that nation through the DPAS
 * workflow (15 CFR 700 binds persons in the United States; dpas-sosa.md §1). A company of a nation
 * that answers under its Code of Conduct (India) receives no rated orders: it has no book to
 * accept, schedule or flow down, and answers US requests on its commitments desk instead.
 */
export async function answersUnderDpas(db: Db, nation: string): Promise<boolean> {
  return hasDpasDirectionTo(db, nation);
}

/** Refuses the DPAS order desk to a company user of a nation that does not answer under DPAS. */
export async function assertDpasCompany(db: Db, actor: Pick<Actor, 'nation' | 'roles'>): Promise<void> {
  if (!actor.roles.includes('supplier')) return;
  if (await answersUnderDpas(db, actor.nation)) return;
  throw new AppError('FORBIDDEN', {
    detail: `The DPAS order desk (15 CFR 700) is for companies in the United States and other nations that answer under DPAS; companies of ${actor.nation} answer requests under its Code of Conduct, on the Code of Conduct commitments desk.`,
  });
}
