import type { OpenAPIHono } from '@hono/zod-openapi';
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
  const call: TestApp['call'] = async (token, method, path, body, headers = {}) => {
    const res = await app.request(`/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
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
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    app,
    ctx,
    clock,
    call,
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
