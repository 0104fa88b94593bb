import { z } from 'zod';
import { parseRating } from './rating.js';
import { DATE_BOUNDS_MESSAGE, isDateInBounds, QUANTITY_MAX } from '../bounds.js';
import type { Actor } from '../access/actor.js';
import { isRealDate } from '../calendar/real-date.js';

/**
 * Special Priorities Assistance (15 CFR 700.50–700.55): when a rated order is not being met, a
 * supplier cannot be found or conflicting rated orders cannot be resolved (700.14(c)(2), 700.52),
 * the party asks for help on Form BIS-999 (OMB 0694-0057) through the delegate agency (for DoD
 * orders: DoD) or Commerce; the delegate agency may forward it to Commerce (700.50).
 *
 * BIS-999 fields as the spec lists them (dpas-sosa.md §8; the exact block list is marked
 * "verify", sources §1.9: only block 1a applicant / 1b applicant's customer were seen): requester
 * and contact; the supplier; the orders concerned with rating, order number, items, quantities,
 * required and promised delivery dates; the program supported; the problem; what was tried; the
 * action requested.
 */

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const date = z.string().superRefine((value, ctx) => {
  if (!isRealDate(value)) ctx.addIssue({ code: 'custom', message: 'must be a date that exists, as YYYY-MM-DD' });
  else if (!isDateInBounds(value)) ctx.addIssue({ code: 'custom', message: DATE_BOUNDS_MESSAGE });
});

export const spaOrderSchema = z.strictObject({
  /** The order in the filer's own book, when it is one; the other fields are then checked against it. */
  orderId: z.uuid().optional(),
  orderNumber: text(100),
  rating: z
    .string()
    .trim()
    .refine((v) => parseRating(v).ok, 'must be a DPAS rating such as DO-A1 (15 CFR 700.11)')
    .transform((v) => v.toUpperCase()),
  items: text(500),
  quantity: z.number().int('must be a whole number').positive('must be more than zero').max(QUANTITY_MAX),
  requiredDeliveryDate: date,
  /** The date the supplier concerned promises, if any. */
  promisedDeliveryDate: date.nullable().optional(),
});
export type SpaOrder = z.infer<typeof spaOrderSchema>;

export const spaRequestSchema = z.strictObject({
  requester: z.strictObject({
    name: text(200),
    title: z.string().trim().max(200).optional(),
    email: z.email('must be an e-mail address').max(200),
    phone: z.string().trim().max(50).optional(),
  }),
  /** BIS-999 block 1b: the applicant's customer. */
  customer: z.string().trim().max(200).optional(),
  supplier: z.strictObject({
    /** A company in the system (of the filer's nation), or only a name. */
    organisationId: z.uuid().optional(),
    name: text(200),
    contact: z.string().trim().max(300).optional(),
  }),
  orders: z.array(spaOrderSchema).min(1, 'name at least one order concerned').max(50),
  program: text(300),
  problem: text(5000),
  attemptsMade: text(5000),
  actionRequested: text(2000),
});
export type SpaRequestInput = z.infer<typeof spaRequestSchema>;

export const SPA_STATUSES = ['draft', 'submitted', 'under_review', 'forwarded_to_commerce', 'resolved', 'denied', 'withdrawn'] as const;
export type SpaStatus = (typeof SPA_STATUSES)[number];

export const SPA_ACTIONS = ['submit', 'withdraw', 'start_review', 'forward_to_commerce', 'resolve', 'deny'] as const;
export type SpaAction = (typeof SPA_ACTIONS)[number];

/** Who acts on an SPA, relative to it: the filing company, the reviewing office of its nation, Commerce. */
export type SpaParty = 'filer' | 'reviewer' | 'commerce';

interface SpaTransition {
  action: SpaAction;
  from: readonly SpaStatus[];
  to: SpaStatus;
  by: SpaParty;
  /** A note is required (reasons of an outcome). */
  noteRequired: boolean;
  rule: string;
}

/**
 * The SPA life cycle. The filer drafts and submits; the SOSA office or DoD (the delegate agency of
 * 700.50) reviews and either settles it or forwards it to Commerce; Commerce resolves or denies
 * what was forwarded. The filer may withdraw until review starts.
 */
export const SPA_TRANSITIONS: readonly SpaTransition[] = [
  { action: 'submit', from: ['draft'], to: 'submitted', by: 'filer', noteRequired: false, rule: '15 CFR 700.50: the request is filed on Form BIS-999' },
  { action: 'withdraw', from: ['draft', 'submitted'], to: 'withdrawn', by: 'filer', noteRequired: false, rule: 'The filer withdraws its request before review' },
  { action: 'start_review', from: ['submitted'], to: 'under_review', by: 'reviewer', noteRequired: false, rule: '15 CFR 700.50: the delegate agency (DoD) or the SOSA office takes up the request' },
  { action: 'forward_to_commerce', from: ['under_review'], to: 'forwarded_to_commerce', by: 'reviewer', noteRequired: true, rule: '15 CFR 700.50: the delegate agency may forward the request to Commerce' },
  { action: 'resolve', from: ['under_review'], to: 'resolved', by: 'reviewer', noteRequired: true, rule: '15 CFR 700.50–700.54: assistance given' },
  { action: 'resolve', from: ['forwarded_to_commerce'], to: 'resolved', by: 'commerce', noteRequired: true, rule: '15 CFR 700.50–700.54: Commerce gives assistance' },
  { action: 'deny', from: ['under_review'], to: 'denied', by: 'reviewer', noteRequired: true, rule: '15 CFR 700.50–700.54: assistance refused, with reasons' },
  { action: 'deny', from: ['forwarded_to_commerce'], to: 'denied', by: 'commerce', noteRequired: true, rule: '15 CFR 700.50–700.54: Commerce refuses assistance, with reasons' },
];

export type SpaTransitionResult =
  | { ok: true; to: SpaStatus; rule: string }
  | { ok: false; reason: 'not_in_state' | 'not_your_step' | 'note_required'; message: string };

/** Whether `party` may take `action` on an SPA in `status`, and where it leads. */
export function spaTransition(status: SpaStatus, action: SpaAction, parties: readonly SpaParty[], note: string | undefined): SpaTransitionResult {
  const candidates = SPA_TRANSITIONS.filter((t) => t.action === action && t.from.includes(status));
  if (candidates.length === 0) {
    const from = SPA_TRANSITIONS.filter((t) => t.action === action).flatMap((t) => t.from);
    return { ok: false, reason: 'not_in_state', message: `"${action}" is possible only from ${[...new Set(from)].join(' or ')}; the request is ${status}.` };
  }
  const mine = candidates.find((t) => parties.includes(t.by));
  if (!mine) return { ok: false, reason: 'not_your_step', message: `"${action}" on a ${status} request is a step of the ${candidates.map((t) => partyName(t.by)).join(' or ')}.` };
  if (mine.noteRequired && !(note && note.trim())) return { ok: false, reason: 'note_required', message: `"${action}" needs a note giving the reasons.` };
  return { ok: true, to: mine.to, rule: mine.rule };
}

/** The actions `parties` may take on an SPA in `status` (for the presenter). */
export function spaActionsFor(status: SpaStatus, parties: readonly SpaParty[]): SpaAction[] {
  return [...new Set(SPA_TRANSITIONS.filter((t) => t.from.includes(status) && parties.includes(t.by)).map((t) => t.action))];
}

function partyName(p: SpaParty): string {
  return p === 'filer' ? 'filing company' : p === 'reviewer' ? 'SOSA office or DoD' : 'Department of Commerce';
}

export interface SpaScope {
  /** The filing company. */
  organisationId: string;
  /** The filing company's nation. */
  nation: string;
  status: SpaStatus;
  /** Set once the request was forwarded to Commerce. */
  forwarded: boolean;
  /** Nations (other than the filer's) whose SOSA request one of the orders concerned came from. */
  partnerNations: readonly string[];
}

export type SpaView = 'full' | 'partner' | null;

/**
 * Who sees an SPA (the sovereignty rule, DESIGN.md; BIS-999 is business-confidential under DPA
 * 705(d), sources §1.9):
 * - the filing company's suppliers: all of their own, drafts included;
 * - auditors of the filer's nation: all of that nation;
 * - SOSA officers and DoD (program_determination) of the filer's nation: all but drafts;
 * - Commerce (rating_authority) of the filer's nation: those forwarded to it;
 * - a SOSA officer of a partner nation whose SOSA request one of the orders came from: a
 *   partner view (status, orders, program, action requested, outcome — not the company's
 *   contact, problem text or what it tried), because the SPA is about that partner's priority
 *   support and the arrangement explains the read; everyone else: nothing (404).
 */
export function spaViewFor(actor: Pick<Actor, 'nation' | 'organisationId' | 'roles'>, spa: SpaScope): SpaView {
  const roles = actor.roles;
  if (actor.nation === spa.nation) {
    if (roles.includes('supplier') && actor.organisationId === spa.organisationId) return 'full';
    if (roles.includes('auditor')) return 'full';
    if (spa.status === 'draft') return null;
    if (roles.includes('sosa_officer') || roles.includes('program_determination')) return 'full';
    if (roles.includes('rating_authority') && spa.forwarded) return 'full';
    return null;
  }
  if (roles.includes('sosa_officer') && spa.status !== 'draft' && spa.partnerNations.includes(actor.nation)) return 'partner';
  return null;
}

/** The parties the actor acts as on an SPA it sees in full. */
export function spaPartiesOf(actor: Pick<Actor, 'nation' | 'organisationId' | 'roles'>, spa: SpaScope): SpaParty[] {
  if (actor.nation !== spa.nation) return [];
  const parties: SpaParty[] = [];
  if (actor.roles.includes('supplier') && actor.organisationId === spa.organisationId) parties.push('filer');
  if (actor.roles.includes('sosa_officer') || actor.roles.includes('program_determination')) parties.push('reviewer');
  if (actor.roles.includes('rating_authority')) parties.push('commerce');
  return parties;
}
