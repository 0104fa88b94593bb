import type { OpenAPIHono } from '@hono/zod-openapi';
import { listPostures } from '../../services/posture/list-postures.js';
import { POSTURE_READERS, POSTURE_SETTERS } from '../../services/posture/posture-access.js';
import { setPosture } from '../../services/posture/set-posture.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody } from '../validation.js';
import { arrangementPostureSchema, postureListSchema, setPostureSchema } from './postures.schema.js';

const tags = ['arrangements'];

/** Posture per arrangement (issue #15): peacetime, emergency, armed conflict. */
export function postureRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, tags);
  route({ method: 'get', path: '/postures', access: [...POSTURE_READERS], summary: "The posture of each arrangement of the caller's nation, with its latest 50 changes", ok: [200, '{ items }', postureListSchema] }, async (c, user) => c.json({ items: await listPostures(c.get('ctx'), { actor: user }) }));
  route({
    method: 'put', path: '/postures/{arrangementId}', access: [...POSTURE_SETTERS],
    summary: 'Set the posture of an arrangement (a SOSA officer of either nation; audited): new requests then run on the shorter clocks of emergency or armed conflict',
    params: pathParams({ arrangementId: 'The arrangement, e.g. US-IN' }), body: setPostureSchema, ok: [200, 'The arrangement just set, with its posture and latest changes', arrangementPostureSchema],
  }, async (c, user) => {
    const ctx = c.get('ctx');
    const body = await jsonBody(c, setPostureSchema);
    const arrangementId = c.req.param('arrangementId')!;
    await setPosture(ctx, { actor: user, arrangementId, posture: body.posture, note: body.note });
    // The one arrangement set, with its latest changes: not every arrangement's history.
    const [set] = await listPostures(ctx, { actor: user, arrangementId });
    return c.json(set!);
  });
}
