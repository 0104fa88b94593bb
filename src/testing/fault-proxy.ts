import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A link between two instances that a test can break (issue #13: faults on the link, on loopback
 * only). It stands on 127.0.0.1 between a sender and its peer and forwards HTTP as it is, unless
 * told otherwise:
 * - `refuse`: every new connection is reset at once (the peer looks down);
 * - `hang`: connections are taken and never answered (the sender's attempt times out);
 * - `duplicateNext()`: the next inbox delivery reaches the peer twice, one after the other;
 * - `holdNext()`: the next inbox delivery is kept back, unanswered, until `release()` sends it on
 *   (late, after the deliveries that followed it: two deliveries in the other order).
 * It keeps every inbox delivery it saw (`delivered`), for replays. Written by hand because it is
 * 100 lines of node:http that the test needs to steer exactly; a general proxy library would
 * not duplicate or hold one request on command.
 */
export type LinkMode = 'pass' | 'refuse' | 'hang';

export interface ForwardedAnswer {
  status: number;
  body: string;
}

export interface FaultProxy {
  url: string;
  setMode(mode: LinkMode): void;
  duplicateNext(): Promise<{ first: ForwardedAnswer; second: ForwardedAnswer }>;
  holdNext(): Promise<void>;
  /** Sends the held delivery on now; resolves with the peer's answer to it. */
  release(): Promise<ForwardedAnswer>;
  /** The bodies of the inbox deliveries forwarded so far, in the order they went through. */
  delivered: string[];
  /** Sends `body` to the peer's inbox as if the sender had (a replay on the link). */
  inject(body: string): Promise<ForwardedAnswer>;
  close(): Promise<void>;
}

const INBOX = /\/federation\/inbox$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const to = new URL(target);
  let mode: LinkMode = 'pass';
  let duplicate: ((answers: { first: ForwardedAnswer; second: ForwardedAnswer }) => void) | null = null;
  let holdArmed: (() => void) | null = null;
  let held: { path: string; headers: IncomingMessage['headers']; body: Buffer; res: ServerResponse } | null = null;
  const sockets = new Set<Socket>();
  const delivered: string[] = [];

  const forward = (method: string, path: string, headers: IncomingMessage['headers'], body: Buffer): Promise<ForwardedAnswer> =>
    new Promise((resolve, reject) => {
      const out = httpRequest({ host: to.hostname, port: to.port, method, path, headers: { ...headers, host: to.host, 'content-length': String(body.length) } }, (answer) => {
        readBody(answer).then((b) => resolve({ status: answer.statusCode ?? 0, body: b.toString('utf8') }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const answer = (res: ServerResponse, a: ForwardedAnswer) => {
    if (res.destroyed) return;
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      // A hung link takes the request and says nothing; the socket ends when the sender gives up
      // or the proxy closes.
      if (mode === 'hang') return;
      const path = req.url ?? '/';
      const inbox = req.method === 'POST' && INBOX.test(path);
      if (inbox && holdArmed) {
        held = { path, headers: req.headers, body, res };
        holdArmed();
        holdArmed = null;
        return;
      }
      if (inbox) delivered.push(body.toString('utf8'));
      const first = await forward(req.method ?? 'GET', path, req.headers, body);
      if (inbox && duplicate) {
        const second = await forward('POST', path, req.headers, body);
        delivered.push(body.toString('utf8'));
        duplicate({ first, second });
        duplicate = null;
      }
      answer(res, first);
    })().catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    if (mode === 'refuse') {
      socket.resetAndDestroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    setMode(next) {
      mode = next;
      // A mode change breaks the connections the sender keeps alive, as a real cut would.
      if (next !== 'pass') for (const s of sockets) s.destroy();
    },
    duplicateNext() {
      return new Promise((resolve) => (duplicate = resolve));
    },
    holdNext() {
      return new Promise((resolve) => (holdArmed = resolve));
    },
    async release() {
      const h = held as { path: string; headers: IncomingMessage['headers']; body: Buffer; res: ServerResponse } | null;
      if (!h) throw new Error('no delivery is held');
      held = null;
      delivered.push(h.body.toString('utf8'));
      const a = await forward('POST', h.path, h.headers, h.body);
      answer(h.res, a);
      return a;
    },
    inject(body) {
      return forward('POST', '/api/v1/federation/inbox', { 'content-type': 'application/json' }, Buffer.from(body));
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
