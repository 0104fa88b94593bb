import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/access/actor.js';
import type { PlacedSubOrderRow, SupplierOrderRow } from '../../store/schema.js';
import { findSupplierOrder, getOrganisationForTree, listOrganisationNames, listSubOrdersOfParents, listSupplierOrdersByIds } from '../../store/flow-down.repository.js';
import type { AppContext } from '../context.js';
import { notFoundOrder } from './place-sub-order.js';
import type { ApiSchema } from '../../contract/api-schema.js';
import { isUuid } from '../../domain/uuid.js';

/** An order's state as the flow-down tree shows it (the 700.13 decision is the other desk's). */
export type FlowDownStatus = 'awaiting_decision' | 'accepted' | 'rejected' | 'cancelled' | 'external';

/** One order of the flow-down tree, as GET /orders/{id}/flow-down declares it (the tree is recursive: a sub-order leads to the sub-supplier's order). */
export type FlowDownOrder = ApiSchema<'FlowDownOrder'>;
export type FlowDownSubOrder = ApiSchema<'FlowDownSubOrder'>;

const MAX_DEPTH = 25;

// The 0004 columns are typed Generated<Timestamp | null> in schema.ts, which selects as the column
// type rather than a Date: read them through this.
export const dateOrNull = (v: unknown): Date | null => (v instanceof Date ? v : v == null ? null : new Date(String(v)));

/** An order imported as already accepted (the book's `accepted` column) counts as accepted. */
export function flowStatusOf(o: { decision: unknown; cancelled_at: unknown; accepted: boolean }): FlowDownStatus {
  if (o.cancelled_at) return 'cancelled';
  if (o.decision === 'rejected') return 'rejected';
  return o.decision === 'accepted' || o.accepted ? 'accepted' : 'awaiting_decision';
}

/**
 * The tree of rated sub-orders below one order (15 CFR 700.15: contractor → subcontractor →
 * supplier). A supplier reads the tree of its own company's orders and sees the sub-orders placed
 * by its own company — the order a sub-supplier received is shown (its status and deadline), but
 * what that sub-supplier placed further down is its own business. An auditor reads every tier of
 * the orders of its nation's companies. Anything else: 404.
 */
export async function loadFlowDown(ctx: AppContext, { actor, orderId }: { actor: Actor; orderId: string }): Promise<FlowDownOrder> {
  if (!isUuid(orderId)) throw notFoundOrder();
  const db = ctx.store.db;
  const isAuditor = actor.roles.includes('auditor');
  const isSupplier = actor.roles.includes('supplier');
  if (!isAuditor && !isSupplier) throw new AppError('ROLE_NOT_ALLOWED', { detail: 'The flow-down tree is for suppliers and auditors.' });
  const root = await findSupplierOrder(db, orderId);
  if (!root) throw notFoundOrder();
  const rootOrg = await getOrganisationForTree(db, root.organisation_id);
  const mayOpen = (organisationId: string) => isAuditor || (isSupplier && organisationId === actor.organisationId);
  if (!(isSupplier && root.organisation_id === actor.organisationId) && !(isAuditor && rootOrg.nation === actor.nation)) throw notFoundOrder();

  const now = ctx.now().getTime();
  const timeZone = (await ctx.calendars.get(rootOrg.nation)).definition.timeZone;
  const names = new Map<string, string>([[rootOrg.id, rootOrg.name]]);
  const nodeOf = (o: SupplierOrderRow): FlowDownOrder => {
    const status = flowStatusOf(o);
    const due = dateOrNull(o.acceptance_due_at);
    return {
      id: o.id,
      timeZone,
      orderNumber: o.order_number,
      company: { id: o.organisation_id, name: names.get(o.organisation_id) ?? '' },
      customer: o.customer,
      rating: o.rating,
      quantity: o.quantity,
      requiredDeliveryDate: o.required_delivery_date,
      receivedAt: o.received_at.toISOString(),
      status,
      acceptanceDueAt: due ? due.toISOString() : null,
      overdue: status === 'awaiting_decision' && due !== null && due.getTime() < now,
      subOrders: mayOpen(o.organisation_id) ? [] : null,
    };
  };

  const rootNode = nodeOf(root);
  const seen = new Set<string>([root.id]);
  let level: FlowDownOrder[] = rootNode.subOrders ? [rootNode] : [];
  for (let depth = 0; level.length > 0 && depth < MAX_DEPTH; depth++) {
    const placed = await listSubOrdersOfParents(db, level.map((n) => n.id));
    if (placed.length === 0) break;
    const childIds = placed.flatMap((p) => (p.child_order_id ? [p.child_order_id] : []));
    const children = childIds.length ? await listSupplierOrdersByIds(db, childIds) : [];
    const orgIds = [...new Set(children.map((c) => c.organisation_id).filter((id) => !names.has(id)))];
    if (orgIds.length) for (const o of await listOrganisationNames(db, orgIds)) names.set(o.id, o.name);
    const childById = new Map(children.map((c) => [c.id, c]));
    const byId = new Map(level.map((n) => [n.id, n]));
    const next: FlowDownOrder[] = [];
    for (const p of placed) {
      const child = p.child_order_id ? childById.get(p.child_order_id) : undefined;
      const childNode = child && !seen.has(child.id) ? nodeOf(child) : null;
      if (child) seen.add(child.id);
      const status: FlowDownStatus = child ? flowStatusOf(child) : 'external';
      byId.get(p.parent_order_id)!.subOrders!.push({
        id: p.id,
        orderNumber: p.order_number,
        purpose: p.purpose,
        rating: p.rating,
        ratingBasis: p.rating_basis,
        supplier: { organisationId: p.supplier_organisation_id, name: p.supplier_name, external: p.supplier_organisation_id === null },
        quantity: p.quantity,
        description: p.description,
        requiredDeliveryDate: p.required_delivery_date,
        inventoryUsedOn: p.inventory_used_on,
        placedAt: p.placed_at.toISOString(),
        acceptanceDueAt: p.acceptance_due_at ? p.acceptance_due_at.toISOString() : null,
        acceptanceRule: p.acceptance_rule,
        status,
        overdue: childNode?.overdue ?? false,
        order: childNode,
      });
      if (childNode?.subOrders) next.push(childNode);
    }
    level = next;
  }
  return rootNode;
}
