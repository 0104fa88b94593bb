import { createRoute, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import type { Role } from '../../domain/workflows/workflow-definition.js';
import { decideSettlementClaim } from '../../services/partnership/decide-settlement-claim.js';
import { createLogisticsOrder } from '../../services/partnership/logistics/create-logistics-order.js';
import { getLogisticsOrder } from '../../services/partnership/logistics/get-logistics-order.js';
import { listLogisticsOrders } from '../../services/partnership/logistics/list-logistics-orders.js';
import { logisticsBalances } from '../../services/partnership/logistics/logistics-balances.js';
import { presentOrder } from '../../services/partnership/logistics/present-logistics.js';
import { settleLogisticsOrder } from '../../services/partnership/logistics/settle-logistics-order.js';
import { createContact, listContacts, presentContact, updateContact } from '../../services/partnership/points-of-contact.js';
import { addMembers } from '../../services/partnership/working-groups/add-members.js';
import { createActionItem } from '../../services/partnership/working-groups/create-action-item.js';
import { createMeeting } from '../../services/partnership/working-groups/create-meeting.js';
import { createWorkingGroup } from '../../services/partnership/working-groups/create-working-group.js';
import { getWorkingGroup } from '../../services/partnership/working-groups/get-working-group.js';
import { listActionItems } from '../../services/partnership/working-groups/list-action-items.js';
import { listWorkingGroups } from '../../services/partnership/working-groups/list-working-groups.js';
import { presentItem } from '../../services/partnership/working-groups/present-working-group.js';
import { updateActionItem } from '../../services/partnership/working-groups/update-action-item.js';
import { updateMeeting } from '../../services/partnership/working-groups/update-meeting.js';
import { isChangeSent } from '../../services/partnership/working-groups/send-working-group-change.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody, queryParams } from '../validation.js';
import * as s from './partnership.schema.js';

/** Government users read the shared directory; company users do not. */
const DIRECTORY_READERS: readonly Role[] = ['sosa_officer', 'program_determination', 'rating_authority', 'analyst', 'auditor', 'admin'];
const LEDGER_READERS: readonly Role[] = ['sosa_officer', 'auditor'];
const OFFICERS: readonly Role[] = ['sosa_officer'];

/** A route answering `answer` (its response schema) with `status`, 201 for a POST unless told. */
const route = (method: 'get' | 'post' | 'patch', path: string, tag: string, summary: string, answer: z.ZodType, extra: Partial<RouteConfig> = {}, status = method === 'post' ? 201 : 200) =>
  createRoute({ method, path, tags: [tag], summary, responses: { [status]: jsonResponse(summary, answer) }, ...extra });

const SENT_TO_HOLDER = "Sent to the instance that holds the group (this is its copy, issue #13): not applied yet; the group as this copy reads it, the change among `changesSent`";

/** A change of a working group: applied here (`status`), or, on a copy of a partner instance's group, sent there (202). */
const changeRoute = (method: 'post' | 'patch', path: string, summary: string, answer: z.ZodType, extra: Partial<RouteConfig>, status = method === 'post' ? 201 : 200) =>
  createRoute({ method, path, tags: ['working-groups'], summary, responses: { [status]: jsonResponse(summary, answer), 202: jsonResponse(SENT_TO_HOLDER, s.workingGroupSchema) }, ...extra });

/** The partnership desk (issue #5): points of contact, working groups, the LEMOA logistics ledger. */
export function partnershipRoutes(app: OpenAPIHono<HttpEnv>): void {
  // ——— points of contact ———
  mount(app, route('get', '/points-of-contact', 'partnership', "SOSA points of contact of the caller's nation and its arrangement partners", s.pointOfContactListSchema, { request: { query: s.contactQuerySchema } }), DIRECTORY_READERS, async (c, user) => {
    const q = queryParams(c, s.contactQuerySchema);
    const rows = await listContacts(c.get('ctx'), user, q);
    return c.json({ items: rows.map(presentContact) });
  });
  mount(app, route('post', '/points-of-contact', 'partnership', "Add a point of contact of the caller's nation", s.pointOfContactSchema, { request: jsonRequestBody(s.contactSchema) }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.contactSchema);
    return c.json(presentContact(await createContact(c.get('ctx'), user, input)), 201);
  });
  mount(app, route('patch', '/points-of-contact/{id}', 'partnership', "Change a point of contact of the caller's nation", s.pointOfContactSchema, { request: { params: pathParams({ id: 'The point of contact' }), ...jsonRequestBody(s.contactPatchSchema) } }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.contactPatchSchema);
    return c.json(presentContact(await updateContact(c.get('ctx'), user, c.req.param('id')!, input)));
  });

  // ——— working groups ———
  mount(app, route('get', '/working-groups', 'working-groups', 'Working groups the caller sees (officers and auditors of its nation, or members)', s.workingGroupListSchema, { request: { query: s.groupQuerySchema } }), 'authenticated', async (c, user) => {
    const q = queryParams(c, s.groupQuerySchema);
    return c.json({ items: await listWorkingGroups(c.get('ctx'), user, q) });
  });
  mount(app, route('post', '/working-groups', 'working-groups', 'Create a working group of an arrangement, with members of both nations and chairs', s.workingGroupSchema, { request: jsonRequestBody(s.newGroupSchema) }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.newGroupSchema);
    const group = await createWorkingGroup(c.get('ctx'), user, input);
    return c.json(await getWorkingGroup(c.get('ctx'), user, group.id), 201);
  });
  mount(app, route('get', '/working-groups/{id}', 'working-groups', 'A working group with members, meetings, attendance and action items', s.workingGroupSchema, { request: { params: pathParams({ id: 'The working group' }) } }), 'authenticated', async (c, user) => {
    return c.json(await getWorkingGroup(c.get('ctx'), user, c.req.param('id')!));
  });
  mount(app, changeRoute('post', '/working-groups/{id}/members', 'Add members (users of either nation or named external members)', s.workingGroupSchema, { request: { params: pathParams({ id: 'The working group' }), ...jsonRequestBody(s.addMembersSchema) } }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.addMembersSchema);
    const ctx = c.get('ctx');
    const done = await addMembers(ctx, user, c.req.param('id')!, input.members);
    return c.json(await getWorkingGroup(ctx, user, c.req.param('id')!), isChangeSent(done) ? 202 : 201);
  });
  mount(app, changeRoute('post', '/working-groups/{id}/meetings', 'Schedule a meeting (an instant and the time zone it is held in)', s.meetingCreatedSchema, { request: { params: pathParams({ id: 'The working group' }), ...jsonRequestBody(s.newMeetingSchema) } }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.newMeetingSchema);
    const ctx = c.get('ctx');
    const m = await createMeeting(ctx, user, c.req.param('id')!, input);
    if (isChangeSent(m)) return c.json(await getWorkingGroup(ctx, user, c.req.param('id')!), 202);
    return c.json({ id: m.id, title: m.title, startsAt: m.starts_at.toISOString(), timeZone: m.time_zone }, 201);
  });
  mount(app, changeRoute('patch', '/working-groups/{id}/meetings/{meetingId}', 'Record agenda, minutes and attendance of a meeting', s.workingGroupSchema, { request: { params: pathParams({ id: 'The working group', meetingId: 'The meeting' }), ...jsonRequestBody(s.meetingPatchSchema) } }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.meetingPatchSchema);
    const ctx = c.get('ctx');
    const sent = await updateMeeting(ctx, user, c.req.param('id')!, c.req.param('meetingId')!, input);
    return c.json(await getWorkingGroup(ctx, user, c.req.param('id')!), isChangeSent(sent) ? 202 : 200);
  });
  mount(
    app,
    changeRoute('post', '/working-groups/{id}/action-items', "Add an action item: an owner (required) and a due date, or N working days from the meeting in the owner's calendar", s.actionItemSchema, { request: { params: pathParams({ id: 'The working group' }), ...jsonRequestBody(s.newActionItemSchema) } }),
    OFFICERS,
    async (c, user) => {
      const input = await jsonBody(c, s.newActionItemSchema);
      const ctx = c.get('ctx');
      const item = await createActionItem(ctx, user, c.req.param('id')!, input);
      if (isChangeSent(item)) return c.json(await getWorkingGroup(ctx, user, c.req.param('id')!), 202);
      return c.json(presentItem(item, ctx.now()), 201);
    },
  );
  mount(app, changeRoute('patch', '/working-groups/{id}/action-items/{itemId}', 'Set an action item open, done or cancelled', s.actionItemSchema, { request: { params: pathParams({ id: 'The working group', itemId: 'The action item' }), ...jsonRequestBody(s.actionItemPatchSchema) } }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.actionItemPatchSchema);
    const ctx = c.get('ctx');
    const item = await updateActionItem(ctx, user, c.req.param('id')!, c.req.param('itemId')!, input);
    if (isChangeSent(item)) return c.json(await getWorkingGroup(ctx, user, c.req.param('id')!), 202);
    return c.json(presentItem(item, ctx.now()));
  });
  mount(app, route('get', '/action-items', 'working-groups', 'Action items of every working group the caller sees', s.actionItemListSchema, { request: { query: s.actionItemQuerySchema } }), 'authenticated', async (c, user) => {
    const q = queryParams(c, s.actionItemQuerySchema);
    return c.json({ items: await listActionItems(c.get('ctx'), user, q) });
  });

  // ——— logistics ledger (LEMOA / ACSA) ———
  mount(app, route('get', '/logistics/orders', 'logistics', 'Reciprocal logistics support orders the caller’s nation supplies or receives', s.logisticsOrderListSchema, { request: { query: s.logisticsQuerySchema } }), LEDGER_READERS, async (c, user) => {
    const q = queryParams(c, s.logisticsQuerySchema);
    return c.json({ items: await listLogisticsOrders(c.get('ctx'), user, q) });
  });
  mount(app, route('post', '/logistics/orders', 'logistics', 'Record a logistics support order (supplying → receiving nation) with its settlement terms', s.logisticsOrderSchema, { request: jsonRequestBody(s.newLogisticsOrderSchema) }), OFFICERS, async (c, user) => {
    const input = await jsonBody(c, s.newLogisticsOrderSchema);
    const ctx = c.get('ctx');
    return c.json(presentOrder(await createLogisticsOrder(ctx, user, input), ctx.now()), 201);
  });
  mount(app, route('get', '/logistics/orders/{id}', 'logistics', 'A logistics order with its settlements', s.logisticsOrderDetailSchema, { request: { params: pathParams({ id: 'The logistics order' }) } }), LEDGER_READERS, async (c, user) => {
    return c.json(await getLogisticsOrder(c.get('ctx'), user, c.req.param('id')!));
  });
  const settleSummary = 'Record a settlement, in part or in full, never more than the open amount not yet claimed: the supplying nation’s is confirmed at once, the receiving nation’s is claimed until the supplying nation confirms it';
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/logistics/orders/{id}/settlements',
      tags: ['logistics'],
      summary: settleSummary,
      request: { params: pathParams({ id: 'The logistics order' }), ...jsonRequestBody(s.settlementSchema) },
      responses: {
        201: jsonResponse('Recorded on this ledger, which keeps the order', s.logisticsOrderDetailSchema),
        // Sovereign instances (issue #13): the order is kept by the supplying nation's instance.
        202: jsonResponse("On a copy of an order kept by the supplying nation's instance: the receiving nation's claim, sent there as logistics_settlement.claim; the copy shows it as sent (claimSent) until the keeper's answer replaces the copy", s.logisticsOrderDetailSchema),
      },
    }),
    OFFICERS,
    async (c, user) => {
      const input = await jsonBody(c, s.settlementSchema);
      const ctx = c.get('ctx');
      const { sent } = await settleLogisticsOrder(ctx, user, c.req.param('id')!, input);
      return c.json(await getLogisticsOrder(ctx, user, c.req.param('id')!), sent ? 202 : 201);
    },
  );
  mount(
    app,
    route('post', '/logistics/orders/{id}/settlements/{settlementId}/decision', 'logistics', 'The supplying nation confirms a claimed settlement (it is then settled) or disputes it with its reasons (the claim is released)', s.logisticsOrderDetailSchema, { request: { params: pathParams({ id: 'The logistics order', settlementId: 'The settlement' }), ...jsonRequestBody(s.claimDecisionSchema) } }, 200),
    OFFICERS,
    async (c, user) => {
      const input = await jsonBody(c, s.claimDecisionSchema);
      const ctx = c.get('ctx');
      await decideSettlementClaim(ctx, user, { orderId: c.req.param('id')!, settlementId: c.req.param('settlementId')!, decision: input.decision, note: input.note });
      return c.json(await getLogisticsOrder(ctx, user, c.req.param('id')!));
    },
  );
  mount(app, route('get', '/logistics/balances', 'logistics', 'Open balances per pair of nations and currency (who owes whom; claimed settlements apart), overdue settlements, and claims awaiting the supplying nation', s.logisticsBalancesSchema), LEDGER_READERS, async (c, user) => {
    return c.json(await logisticsBalances(c.get('ctx'), user));
  });
}
