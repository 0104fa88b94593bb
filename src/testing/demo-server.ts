import { after, before } from 'node:test';
import { startServer, type RunningServer } from '../server.js';
import { TEST_STORE, createTestDatabaseUrl, migratedPgliteImage } from './test-store.js';

/** The real HTTP server of a suite, as the CLI reaches it. */
export interface DemoServer {
  /** Its base URL (once the `before` hook has started it). */
  readonly url: string;
  /** Signs `username` in with the demo password and returns the bearer token. */
  token(username: string): Promise<string>;
}

/**
 * The real server in this process, with the demo users (password `password`), on the test store
 * (a fresh PostgreSQL database when SOSA_TEST_STORE=postgres, dropped afterwards), for the suite
 * it is called in: started by a `before` hook and closed by an `after` hook registered here.
 */
export function useDemoServer(password: string): DemoServer {
  let server: RunningServer | undefined;
  let drop: (() => Promise<void>) | null = null;
  before(async () => {
    const pg = TEST_STORE === 'postgres' ? await createTestDatabaseUrl() : null;
    drop = pg?.drop ?? null;
    server = await startServer({ port: 0, demo: true, demoPassword: password, log: false, scheduler: false, ...(pg ? { databaseUrl: pg.url } : { loadDataDir: await migratedPgliteImage() }) });
  });
  after(async () => {
    await server?.close();
    await drop?.();
  });
  const url = (): string => {
    if (!server) throw new Error('the server is started in the before hook: use it inside hooks and tests');
    return server.url;
  };
  return {
    get url() {
      return url();
    },
    async token(username) {
      const res = await fetch(`${url()}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      return ((await res.json()) as { token: string }).token;
    },
  };
}
