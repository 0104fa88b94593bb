import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { HttpEnv } from '../http-env.js';
import { mount } from '../route.js';
import { queryParams } from '../validation.js';

const auditQuery = z.strictObject({
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function auditRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(app, createRoute({ method: 'get', path: '/audit', tags: ['audit'], summary: "Audit events of the auditor's nation, oldest first", request: { query: auditQuery }, responses: { 200: { description: '{ items }' } } }), ['auditor'], async (c, user) => {
    const q = queryParams(c, auditQuery);
    const rows = await c.get('ctx').store.db.selectFrom('audit_events').selectAll().where('nation', '=', user.nation).where('seq', '>', q.afterSeq).orderBy('seq').limit(q.limit).execute();
    return c.json({ items: rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actor: r.actor, nation: r.nation, action: r.action, entityType: r.entity_type, entityId: r.entity_id, data: r.data, hash: r.hash })) });
  });
}
