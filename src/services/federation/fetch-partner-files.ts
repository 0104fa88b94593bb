import { createHash } from 'node:crypto';
import { FILE_FETCH_TYPE, retryDelayMs, type FederationFileFetch } from '../../domain/federation/delivery.js';
import { signPayload } from '../../domain/federation/signing.js';
import { appendAudit } from '../../store/audit.repository.js';
import { findPeer } from '../../store/federation-peers.repository.js';
import { claimFileFetch, listDueFileFetches, markFileFetched, markFileFetchEnded, markFileFetchFailed, releaseFileFetch, type DueFileFetch } from '../../store/partner-copies.repository.js';
import type { AppContext } from '../context.js';
import { instanceSigningKey } from './instance-key.js';
import { keepFetchedFileFromCopy } from './apply-copy-attachment.js';
import { FEDERATION_PATH, type SenderOptions } from './message-sender.js';
import { NOT_SENT } from './serve-file.js';
import { signedGet } from './signed-get.js';

/**
 * At most this many files are fetched in one round of the file fetcher (file-fetcher.ts): a few a
 * round, one after another, the rest in the next round (a second later), so one instance never
 * holds many files of up to 10 MiB in memory at once.
 */
export const FILES_PER_ROUND = 4;

/** How long one file's fetch may take, answer and body (a 10 MiB file on a slow link), at least. */
export const FILE_FETCH_TIMEOUT_MS = 120_000;

export interface FileFetchRound {
  fetched: number;
  /** Failed attempts, tried again later with the delivery backoff (the sender unreachable, a 403, a 5xx). */
  failed: number;
  /** Content refused: not the size or SHA-256 the signed message states. */
  refused: number;
  /** The sender answered 404: it does not serve that file to this instance. */
  unavailable: number;
}

type Outcome = { kind: 'fetched'; content: Uint8Array } | { kind: 'failed'; error: string } | { kind: 'refused'; reason: string; detail: string } | { kind: 'unavailable'; detail: string };

/**
 * Issue #13: the files a peer listed without their content (larger than a signed message
 * carries, apply-request-attachment.ts) are fetched from it by their SHA-256, each over a request
 * signed with this instance's key (a file-fetch proof naming the hash and the message that listed
 * the file; the peer answers only a file it sent to this instance, serve-file.ts). The body is
 * read as a stream and hashed as it comes, never more than the size the signed message states
 * (which is at most MAX_ATTACHMENT_BYTES, else the file was refused on arrival): a longer body is
 * cut off and refused without being held. Content of the stated size and SHA-256 is kept beside
 * the copy and audited (`request.attachment_fetched`); any other content is refused and audited
 * (`request.attachment_refused`), and so is the sender's 404 (`unavailable`). A sender that is
 * unreachable or answers otherwise is tried again with the delivery backoff (1 s, 2 s, 4 s … up to
 * SOSA_FEDERATION_RETRY_MAX_SECONDS), by the file fetcher's loop (file-fetcher.ts). A stop of the
 * server cuts off the fetch in flight and leaves it due, not counted as an attempt. The same holds
 * the other way: on the holder of a request, a file the peer's official attached on its copy
 * (apply-copy-attachment.ts) is fetched from the copy's instance, and once its content is here it
 * joins the request's attachments (keepFetchedFileFromCopy) or is refused.
 */
export async function fetchDueFiles(ctx: AppContext, options: Pick<SenderOptions, 'fetch' | 'ignoreSchedule' | 'backoff'> & { limit?: number; fileTimeoutMs?: number } = {}, stopping?: AbortSignal): Promise<FileFetchRound> {
  const round: FileFetchRound = { fetched: 0, failed: 0, refused: 0, unavailable: 0 };
  if (!ctx.config.nation) return round;
  const now = ctx.now();
  const timeoutMs = options.fileTimeoutMs ?? FILE_FETCH_TIMEOUT_MS;
  for (const due of await listDueFileFetches(ctx.store.db, now, options.limit ?? FILES_PER_ROUND, options.ignoreSchedule === true)) {
    if (stopping?.aborted) break;
    // Listed before this instance checked sizes on arrival (migration 0047 queued every file
    // without content), or the limit lowered since: never fetched, so never held in memory.
    if (due.size > ctx.config.maxAttachmentBytes) {
      await endFetch(ctx, due, { kind: 'refused', reason: 'too_large', detail: `${due.size} bytes: larger than this instance takes (${ctx.config.maxAttachmentBytes} bytes, MAX_ATTACHMENT_BYTES)` });
      round.refused += 1;
      continue;
    }
    // Held for the attempt's length: another server process on the same database leaves it alone.
    if (!(await claimFileFetch(ctx.store.db, due.id, due.nextFetchAt, new Date(ctx.now().getTime() + timeoutMs)))) continue;
    const outcome = await fetchOne(ctx, due, options.fetch ?? fetch, timeoutMs, stopping);
    const at = ctx.now();
    if (outcome.kind === 'failed' && stopping?.aborted) {
      await releaseFileFetch(ctx.store.db, due.id, due.nextFetchAt);
      break;
    }
    if (outcome.kind === 'failed') {
      const backoff = options.backoff ?? { firstMs: undefined, capMs: undefined };
      await markFileFetchFailed(ctx.store.db, due.id, outcome.error, new Date(at.getTime() + retryDelayMs(due.attempts + 1, backoff.firstMs, backoff.capMs)));
      ctx.logger.warn({ peer: due.peerNation, attachment: due.id, reason: outcome.error }, 'federation file fetch failed');
      round.failed += 1;
      continue;
    }
    if (await endFetch(ctx, due, outcome, at)) round[outcome.kind] += 1;
  }
  return round;
}

/** Keeps the content, or ends the fetch as refused or not available, with its audit event, in one transaction; false when another process ended it first. */
function endFetch(ctx: AppContext, due: DueFileFetch, outcome: Exclude<Outcome, { kind: 'failed' }>, at = ctx.now()): Promise<boolean> {
  return ctx.store.db.transaction().execute(async (trx) => {
    const audit = (action: string, data: Record<string, unknown>) =>
      appendAudit(trx, { actorId: null, actor: 'federation', nation: ctx.config.nation!, action, entityType: 'request', entityId: due.requestId, parties: [due.peerNation], data: { from: due.peerNation, attachment: due.id, filename: due.filename, sha256: due.sha256, size: due.size, messageId: due.messageId, ...data } });
    if (outcome.kind === 'fetched') {
      // Taken first (the row stays locked to this transaction), so another process keeps nothing twice.
      if (!(await markFileFetched(trx, due.id, due.fromCopy ? null : outcome.content, at))) return false;
      // A file of the peer's copy of a request held here joins the request's attachments, checked
      // as an upload here is; the content is not kept a second time in the fetch's row.
      const unkept = due.fromCopy ? await keepFetchedFileFromCopy(ctx, trx, due, outcome.content) : null;
      if (unkept === null) {
        await audit('request.attachment_fetched', { attempts: due.attempts + 1, ...(due.fromCopy ? { fromCopy: true } : {}) });
        return true;
      }
      await markFileFetchEnded(trx, due.id, 'refused', unkept, 'fetched');
      await audit('request.attachment_refused', { reason: 'invalid_content', detail: unkept });
      return true;
    }
    const state = outcome.kind === 'refused' ? 'refused' : 'unavailable';
    const detail = outcome.detail;
    if (!(await markFileFetchEnded(trx, due.id, state, detail))) return false;
    await audit('request.attachment_refused', { reason: outcome.kind === 'refused' ? outcome.reason : 'unavailable', detail });
    return true;
  });
}

/** Enough of an error answer to quote its problem document; a larger body is not read (a peer cannot make this instance hold it). */
const PROBLEM_BYTES = 16 * 1024;

async function readProblem(res: Response): Promise<{ detail?: unknown; reason?: unknown } | null> {
  const reader = res.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
      if (size > PROBLEM_BYTES) {
        await reader.cancel().catch(() => {});
        return null;
      }
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { detail?: unknown; reason?: unknown };
  } catch {
    return null;
  }
}

async function fetchOne(ctx: AppContext, due: DueFileFetch, doFetch: NonNullable<SenderOptions['fetch']>, timeoutMs: number, stopping?: AbortSignal): Promise<Outcome> {
  const peer = await findPeer(ctx.store.db, due.peerNation);
  // Peering ended (sosa peer remove): nothing will serve it; an officer may ask again once peered anew (fetch-copy-file-again.ts).
  if (!peer) return { kind: 'unavailable', detail: `${due.peerNation} is no longer a peer of this instance` };
  const ask: FederationFileFetch = { from: ctx.config.nation!, to: peer.nation, sha256: due.sha256, messageId: due.messageId, issuedAt: ctx.now().toISOString() };
  const proof = await signPayload(ask, await instanceSigningKey(ctx.config.keyDir), FILE_FETCH_TYPE);
  // Cut off at the time limit, or at once when the server stops (its shutdown does not wait on a slow link).
  const signal = stopping ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping]) : AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    // The bytes as stored, not compressed on the way: the length is checked against the message.
    res = await signedGet(doFetch, `${peer.baseUrl}${FEDERATION_PATH}/files/${due.sha256}`, proof, { headers: { 'accept-encoding': 'identity' }, signal });
  } catch (error) {
    return { kind: 'failed', error: `${peer.nation} unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (res.status !== 200) {
    const problem = await readProblem(res);
    const said = `${peer.nation} answered ${res.status}${typeof problem?.detail === 'string' ? `: ${problem.detail.slice(0, 500)}` : ''}`;
    // Only the sender's own "not sent to you" ends it; any other 404 (a proxy, a sender not yet
    // upgraded to serve files) is a failed attempt, tried again with the backoff.
    return res.status === 404 && problem?.reason === NOT_SENT ? { kind: 'unavailable', detail: said } : { kind: 'failed', error: said };
  }
  // A length stated by the answer is checked before any byte is read (a proxy that compressed the body anyway states the compressed one).
  const stated = res.headers.get('content-encoding') ? due.size : Number(res.headers.get('content-length') ?? due.size);
  const mismatch = (got: string) => ({ kind: 'refused' as const, reason: 'hash_mismatch', detail: `${peer.nation} sent ${got}, not the file its signed message states (${due.size} bytes, SHA-256 ${due.sha256})` });
  if (stated !== due.size) {
    await res.body?.cancel().catch(() => {});
    return mismatch(`a body of ${stated} bytes`);
  }
  // Streamed: hashed as it comes, and cut off past the stated size (never held beyond it).
  const hash = createHash('sha256');
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    const reader = res.body?.getReader();
    for (;;) {
      const next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (next.done) break;
      received += next.value.byteLength;
      if (received > due.size) {
        await reader!.cancel().catch(() => {});
        return mismatch(`more than ${due.size} bytes`);
      }
      hash.update(next.value);
      chunks.push(next.value);
    }
  } catch (error) {
    return { kind: 'failed', error: `${peer.nation}'s answer broke off after ${received} bytes: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sha256 = hash.digest('hex');
  if (received !== due.size || sha256 !== due.sha256) return mismatch(`${received} bytes of SHA-256 ${sha256}`);
  return { kind: 'fetched', content: Buffer.concat(chunks, received) };
}
