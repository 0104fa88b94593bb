import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { listPostures } from '../../services/posture/list-postures.js';
import { POSTURE_READERS, POSTURE_SETTERS } from '../../services/posture/posture-access.js';
import { setPosture } from '../../services/posture/set-posture.js';
import type { HttpEnv } from '../http-env.js';
import { pathParams } from '../path-params.js';
import { jsonRequestBody } from '../request-body.js';
import { jsonResponse } from '../responses.js';
import { mount } from '../route.js';
import { jsonBody } from '../validation.js';
import { arrangementPostureSchema, postureListSchema, setPostureSchema } from './postures.schema.js';

const tags = ['arrangements'];

/** Posture per arrangement (issue #15): peacetime, emergency, armed conflict. */
export function postureRoutes(app: OpenAPIHono<HttpEnv>): void {
  mount(
    app,
    createRoute({ method: 'get', path: '/postures', tags, summary: "The posture of each arrangement of the caller's nation, with its history", responses: { 200: jsonResponse('{ items }', postureListSchema) } }),
    [...POSTURE_READERS],
    async (c, user) => c.json({ items: await listPostures(c.get('ctx'), { actor: user }) }),
  );
  mount(
    app,
    createRoute({
      method: 'put',
      path: '/postures/{arrangementId}',
      tags,
      summary: 'Set the posture of an arrangement (a SOSA officer of either nation; audited): new requests then run on the shorter clocks of emergency or armed conflict',
      request: { params: pathParams({ arrangementId: 'The arrangement, e.g. US-IN' }), ...jsonRequestBody(setPostureSchema) },
      responses: { 200: jsonResponse('The arrangement with its posture and history', arrangementPostureSchema) },
    }),
    [...POSTURE_SETTERS],
    async (c, user) => {
      const ctx = c.get('ctx');
      const body = await jsonBody(c, setPostureSchema);
      const arrangementId = c.req.param('arrangementId')!;
      await setPosture(ctx, { actor: user, arrangementId, posture: body.posture, note: body.note });
      return c.json((await listPostures(ctx, { actor: user })).find((a) => a.arrangementId === arrangementId)!);
    },
  );
}
