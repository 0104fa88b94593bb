import type { OpenAPIHono } from '@hono/zod-openapi';
import { addAttachment, readAttachment } from '../../services/requests/attachments.js';
import { addComment } from '../../services/requests/add-comment.js';
import { submitRequest } from '../../services/federation/submit-to-peer.js';
import { listRequests } from '../../services/requests/list-requests.js';
import { getRequestView } from '../../services/requests/request-view.js';
import { getRequestDelivery } from '../../services/requests/request-delivery.js';
import { transitionRequest } from '../../services/requests/transition-request.js';
import { viewAfterStep } from '../../services/requests/view-after-step.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { pathParams } from '../path-params.js';
import { jsonBody, queryParams } from '../validation.js';
import { fileDownload, jsonResponse } from '../responses.js';
import { uploadedFile } from '../uploaded-file.js';
import { afterStepSchema, attachmentReceiptSchema, commentSchema, createdIdSchema, idParam, listQuerySchema, newRequestSchema, requestDeliverySchema, requestDetailSchema, requestListSchema, submittedToPeerSchema, transitionSchema } from './requests.schema.js';

export function requestRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['requests']);
  route({ method: 'get', path: '/requests', access: 'authenticated', summary: 'Requests the caller may see, filtered', query: listQuerySchema, ok: [200, '{ items, total }', requestListSchema] }, async (c, user) => c.json(await listRequests(c.get('ctx'), user, queryParams(c, listQuerySchema))));
  route({
    method: 'post', path: '/requests', access: ['sosa_officer'],
    summary: "Submit a priority support request (on a sovereign instance, one to a peer's nation is sent to that peer's instance, which holds it)",
    body: newRequestSchema,
    responses: {
      201: jsonResponse('The request, held here, with its state and the actions the caller may take', requestDetailSchema),
      202: jsonResponse("Sent to the deciding nation's instance, which holds the request; visible here as a partner copy", submittedToPeerSchema),
    },
  }, async (c, user) => {
    const ctx = c.get('ctx');
    const submitted = await submitRequest(ctx, user, await jsonBody(c, newRequestSchema));
    if (submitted.heldBy === 'peer') {
      const partnerCopy = `/api/v1/partner-copies/${submitted.id}`;
      c.header('location', partnerCopy);
      return c.json({ id: submitted.id, heldBy: submitted.peer, partnerCopy }, 202);
    }
    c.header('location', `/api/v1/requests/${submitted.id}`);
    return c.json(await getRequestView(ctx, user, submitted.id), 201);
  });
  route({ method: 'get', path: '/requests/{id}', access: 'authenticated', summary: 'One request with its state, deadlines, history and the actions the caller may take now', params: idParam, ok: [200, 'Request detail', requestDetailSchema] }, async (c, user) => c.json(await getRequestView(c.get('ctx'), user, c.req.param('id')!)));
  route({ method: 'get', path: '/requests/{id}/delivery', access: 'authenticated', summary: "Whether each partner instance has the request's latest change (what the request detail says in partnerDelivery), for a page that waits on it", params: idParam, ok: [200, 'Delivery to each partner instance', requestDeliverySchema] }, async (c, user) => c.json(await getRequestDelivery(c.get('ctx'), user, c.req.param('id')!)));
  route({ method: 'post', path: '/requests/{id}/transitions', access: 'authenticated', summary: 'Take a workflow action: {"action", ...fields}', params: idParam, body: transitionSchema, ok: [200, 'The request after the action, or {accessEnded: true} when the step closed the caller’s company line', afterStepSchema] }, async (c, user) => {
    const ctx = c.get('ctx');
    const { action, ...fields } = await jsonBody(c, transitionSchema);
    await transitionRequest(ctx, user, c.req.param('id')!, { action, fields });
    return c.json(await viewAfterStep(ctx, user, c.req.param('id')!));
  });
  route({ method: 'post', path: '/requests/{id}/comments', access: 'authenticated', summary: 'Comment, shared with the other nation or internal to one\'s own', params: idParam, body: commentSchema, ok: [201, 'Comment id', createdIdSchema] }, async (c, user) => c.json({ id: await addComment(c.get('ctx'), user, c.req.param('id')!, await jsonBody(c, commentSchema)) }, 201));
  route({ method: 'post', path: '/requests/{id}/attachments', access: 'authenticated', summary: 'Attach a document (multipart: file, visibility)', params: idParam, ok: [201, 'Attachment id, size and SHA-256', attachmentReceiptSchema] }, async (c, user) => {
    const { filename, contentType, content, visibility } = await uploadedFile(c);
    const result = await addAttachment(c.get('ctx'), user, c.req.param('id')!, { filename, contentType, content, visibility });
    return c.json(result, 201);
  });
  route({
    method: 'get', path: '/requests/{id}/attachments/{attachmentId}', access: 'authenticated',
    summary: 'Download an attachment',
    params: pathParams({ id: 'The request', attachmentId: 'The attachment' }),
    responses: { 200: { description: 'The file, in the media type it was attached with; its SHA-256 in X-Checksum-Sha256', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } },
  }, async (c, user) => {
    const a = await readAttachment(c.get('ctx'), user, c.req.param('id')!, c.req.param('attachmentId')!);
    return fileDownload({ content: a.content, contentType: a.content_type, filename: a.filename, sha256: a.sha256 });
  });
}
