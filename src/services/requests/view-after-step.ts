import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { AppContext } from '../context.js';
import { getRequestView, type RequestDetailView } from './request-view.js';

export interface AccessEndedView {
  id: string;
  accessEnded: true;
  actions: [];
  detail: string;
}

/**
 * The request as the actor sees it after its own step. A company's refusal (a rejected rated
 * order, a declined Code of Conduct request) closes its line, and with it the request (the
 * border, domain/access/border/request.ts): the answer then says so and shows nothing more — not
 * even the state, which would tell whether other companies were asked.
 */
export async function viewAfterStep(ctx: AppContext, actor: Actor, id: string): Promise<RequestDetailView | AccessEndedView> {
  try {
    return await getRequestView(ctx, actor, id);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
    return { id, accessEnded: true, actions: [], detail: 'Your company’s answer is recorded. The request is no longer open to your company; the order stays in your order book.' };
  }
}
