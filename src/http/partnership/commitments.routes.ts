import type { OpenAPIHono } from '@hono/zod-openapi';
import { listCompanyCommitments } from '../../services/code-of-conduct/list-company-commitments.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { companyCommitmentsSchema, type CompanyCommitmentsBody } from './commitments.schema.js';

/** A Code of Conduct company's desk: the US requests put to it, its answers, its subscription. */
export function commitmentRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['code-of-conduct']);
  route({
    method: 'get', path: '/commitments', access: ['supplier'],
    summary: "The caller's company's Code of Conduct desk: requests put to it (with the answer-by date), its commitments and declines with reasons, its subscription; 403 for a company that answers under DPAS",
    ok: [200, 'The desk', companyCommitmentsSchema],
  }, async (c, user) => c.json((await listCompanyCommitments(c.get('ctx'), { actor: user })) satisfies CompanyCommitmentsBody));
}
