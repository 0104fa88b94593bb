import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../domain/errors.js';
import { receiveMessage, receiveMessages } from '../../services/federation/receive-messages.js';
import { serveFile } from '../../services/federation/serve-file.js';
import { serveOutbox } from '../../services/federation/serve-outbox.js';
import type { HttpEnv } from '../http-env.js';
import { declareRoutes } from '../declare-route.js';
import { fileDownload, jsonResponse } from '../responses.js';
import { pathParams } from '../path-params.js';
import { mount } from '../route.js';
import { headerParams, jsonBody, queryParams } from '../validation.js';
import { fetchProofHeadersSchema, fileQuerySchema, inboxAnswerSchema, inboxBatchAnswerSchema, inboxBatchBodySchema, inboxBodySchema, outboxAnswerSchema, outboxQuerySchema } from './federation.schema.js';
import type { z } from '@hono/zod-openapi';
import { PROBLEMS } from '../problem.js';

type InboxBatchAnswer = z.infer<typeof inboxBatchAnswerSchema>;

/**
 * The federation endpoints a peer instance calls (issue #13). They are mounted under the API
 * (/api/v1/federation/…) so that one OpenAPI document, one body limit and the same problem
 * documents cover them, but no session authenticates them: the signature does. "public" here
 * means "no session needed"; a call with a session of any role is refused like any other
 * unsigned or wrongly signed one.
 */
export function federationRoutes(app: OpenAPIHono<HttpEnv>): void {
  const route = declareRoutes(app, ['federation']);
  mount(
    app,
    createRoute({
      method: 'post',
      path: '/federation/inbox',
      tags: ['federation'],
      summary: "A peer instance's signed message: verified against the keys of its descriptor and applied exactly once, in order; answered with a signed receipt (409 + expectedSeq after a gap; 403 when refused, with a signed refusal receipt when the message was authentic and in sequence and so took its number)",
      request: { body: { content: { 'application/json': { schema: inboxBodySchema } } } },
      responses: { 200: jsonResponse('The signed receipt', inboxAnswerSchema) },
    }),
    'public',
    async (c) => {
      const body = await jsonBody(c, inboxBodySchema);
      const result = await receiveMessage(c.get('ctx'), body.message);
      if (result.refusal) {
        // Refused for its content, yet recorded with its sequence number: the problem document
        // carries the signed refusal receipt, which tells the sender to go on with the next one.
        const { reason, detail } = result.refusal;
        throw new AppError('FORBIDDEN', {
          detail: `The message was refused (${reason}): ${detail}. It is recorded as refused with its sequence number ${result.seq}: send the next one.`,
          extra: { reason, outcome: 'refused', seq: result.seq, receipt: result.receipt },
        });
      }
      return c.json({ outcome: result.outcome, seq: result.seq, receipt: result.receipt });
    },
  );
  route({
    method: 'post', path: '/federation/inbox/batch', access: 'public',
    summary: "Several signed messages of one peer at once (up to 100, in sequence order): each verified and taken exactly as the single inbox takes it, several to a transaction; answered with one answer each, in order, as the single inbox would answer it (200 receipt, 403 with or without a signed refusal receipt, 409 expectedSeq), up to the first message not taken",
    body: inboxBatchBodySchema, ok: [200, 'One answer per message taken, in order', inboxBatchAnswerSchema],
  }, async (c) => {
    const body = await jsonBody(c, inboxBatchBodySchema);
    const { results, stopped } = await receiveMessages(c.get('ctx'), body.messages);
    const answers: InboxBatchAnswer['answers'] = results.map((r) =>
      r.refusal ? { status: 403, outcome: 'refused', seq: r.seq, receipt: r.receipt, reason: r.refusal.reason, detail: r.refusal.detail } : { status: 200, outcome: r.outcome, seq: r.seq, receipt: r.receipt },
    );
    if (stopped) {
      const { error } = stopped;
      answers.push({ status: PROBLEMS[error.code].status, ...(error.detail ? { detail: error.detail } : {}), ...(error.extra as Omit<InboxBatchAnswer['answers'][number], 'status'>) });
    }
    return c.json({ answers });
  });
  route({
    method: 'get', path: '/federation/outbox', access: 'public',
    summary: 'The messages to the asking peer after a sequence number, in order (catch-up after a gap or an outage); the request is signed by the peer (`proof`)',
    query: outboxQuerySchema, headers: fetchProofHeadersSchema, ok: [200, 'A page of signed messages', outboxAnswerSchema],
  }, async (c) => {
    const q = queryParams(c, outboxQuerySchema);
    return c.json(await serveOutbox(c.get('ctx'), fetchProof(c, q.proof), q.after));
  });
  route({
    method: 'get', path: '/federation/files/{sha256}', access: 'public',
    summary: "The content of a shared file this instance listed to the asking peer without it (larger than a message carries), by its SHA-256: a file on a request held here, or one this nation's official attached on its copy of a request the asking peer holds; the request is signed by the peer (`proof`). 403 for a proof refused, 404 for a file not sent to that peer",
    params: pathParams({ sha256: 'The SHA-256 of the file, lowercase hex, as the request.attachment message listed it' }),
    query: fileQuerySchema,
    headers: fetchProofHeadersSchema,
    responses: { 200: { description: 'The file, in the media type it was attached with; its SHA-256 in X-Checksum-Sha256 (the asker checks it against the signed message)', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } },
  }, async (c) => {
    const sha256 = c.req.param('sha256')!;
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('VALIDATION_FAILED', { detail: 'The path names a file by its SHA-256, 64 lowercase hex digits.', errors: [{ field: 'sha256', message: 'not a SHA-256 in lowercase hex' }] });
    const q = queryParams(c, fileQuerySchema);
    return fileDownload(await serveFile(c.get('ctx'), sha256, fetchProof(c, q.proof)));
  });
}

/**
 * The proof of a signed GET: the `Sosa-Proof` header, or the query parameter of older peers; neither
 * is a 422. Each one's length is bounded by its schema, the one the document shows.
 */
function fetchProof(c: Context, fromQuery: string | undefined): string {
  const proof = headerParams(c, fetchProofHeadersSchema)['sosa-proof'] ?? fromQuery;
  if (!proof) throw new AppError('VALIDATION_FAILED', { detail: 'A signed fetch carries its proof in the Sosa-Proof header (a compact JWS of at most 4,000 characters).', errors: [{ field: 'sosa-proof', message: 'required' }] });
  return proof;
}
