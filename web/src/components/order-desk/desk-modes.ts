// What the order dialog shows: the facts, or one of the forms that act on the order.
import type { RejectionGround } from '../../api/order-desk.js';

export type Mode = 'view' | 'accept' | 'reject' | 'change' | 'plan';
/** The rejection the desk offers when an acceptance is refused (700.13(b)(1)): ground and earliest date. */
export type Offer = { ground: RejectionGround; date: string };
