import type { OpenAPIHono } from '@hono/zod-openapi';
import createClient from 'openapi-fetch';
import type { ApiClient, ApiPaths } from '../contract/client.js';
import { loadConfig, type Config } from '../config.js';
import { createApp } from '../http/app.js';
import type { HttpEnv } from '../http/http-env.js';
import { createLogger } from '../logger.js';
import { createContext, type AppContext } from '../services/context.js';
import { seedDemoData } from '../services/reference/seed-demo-data.js';
import { seedReferenceData } from '../services/reference/seed-reference-data.js';
import { CONTRACT_CHECK, checkContract } from './contract-check.js';
import { openTestStore } from './test-store.js';
import { auditAppendsInProcess, sequencePendingAudit } from '../store/audit.repository.js';

export const TEST_PASSWORD = 'test-password-123';

/** A settable clock, so deadline tests run on the dates of the domain scenarios. */
export class TestClock {
  /** Called when the time jumps: sessions of the old time may have expired. */
  onChange: () => void = () => {};
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string | Date): void {
    this.current = new Date(iso);
    this.onChange();
  }
  advanceHours(h: number): void {
    this.set(new Date(this.current.getTime() + h * 3_600_000));
  }
}

export interface TestApp {
  app: OpenAPIHono<HttpEnv>;
  ctx: AppContext;
  clock: TestClock;
  /** Logs a demo user in and returns its bearer token. */
  login(username: string): Promise<string>;
  /** A JSON call with a bearer token; returns status and parsed body. */
  call(token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /**
   * The typed client of the contract (openapi-fetch over the generated paths, as the CLI and the
   * web UI call the API), served in process: a test's path, parameters, body and the answer it
   * reads are checked against the contract at compile time, and its answers as call()'s are.
   */
  api(token: string | null): ApiClient;
  close(): Promise<void>;
}

export async function createTestApp(options: { now?: string; config?: Partial<Config> } = {}): Promise<TestApp> {
  const store = await openTestStore();
  await seedReferenceData(store.db);
  await seedDemoData(store.db, TEST_PASSWORD);
  const clock = new TestClock(new Date(options.now ?? '2026-11-23T14:00:00Z'));
  const ctx = createContext(store, { ...loadConfig({}), ...options.config }, createLogger(process.env.SOSA_TEST_LOG ?? 'silent'), clock.now);
  const app = createApp(ctx);
  const tokens = new Map<string, string>();
  clock.onChange = () => tokens.clear();
  let appendsChained = auditAppendsInProcess();
  /** What every answer goes through before a test reads it: the audit chain caught up, the contract checked. Reads `res`'s body. */
  const settle = async (method: string, path: string, res: Response): Promise<unknown> => {
    const text = await res.text();
    // The server's sequencer chains a change's audit event shortly after its commit; the tests
    // read audit_events right after the answer, so the call waits that merge delay out.
    if (auditAppendsInProcess() !== appendsChained) {
      appendsChained = auditAppendsInProcess();
      await sequencePendingAudit(store.db);
    }
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    if (CONTRACT_CHECK) checkContract(method, path, res.status, parsed, res.headers.get('content-type'));
    return parsed;
  };
  const call: TestApp['call'] = async (token, method, path, body, headers = {}) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: await settle(method, path, res), headers: res.headers };
  };
  const api: TestApp['api'] = (token) =>
    createClient<ApiPaths>({
      baseUrl: 'http://sosa.test/api/v1',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fetch: async (request: Request) => {
        const res = await app.request(request);
        const url = new URL(request.url);
        // The client reads the answer itself: settle reads a copy.
        await settle(request.method, url.pathname.slice('/api/v1'.length) + url.search, res.clone());
        return res;
      },
    });
  return {
    app,
    ctx,
    clock,
    call,
    api,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await call(null, 'POST', '/session', { username, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.token);
      return res.body.token as string;
    },
    close: () => store.close(),
  };
}
