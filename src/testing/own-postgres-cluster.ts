// A PostgreSQL cluster of the test's own (initdb in a temporary folder, on a free port), so a test
// can crash and restart a database server without touching the shared one at 127.0.0.1:5432.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export interface OwnPostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** Stops the server the way a crash does (`pg_ctl stop -m immediate`: no shutdown checkpoint). */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
  /** Stops the server (if running) and deletes the cluster. Safe to call twice. */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's programs (Debian: /usr/lib/postgresql/<major>/bin), or SOSA_PG_BIN. */
export function postgresBinDir(): string | null {
  if (process.env.SOSA_PG_BIN) return process.env.SOSA_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, 'bin') : null;
}

/** initdb refuses to run as root: as root, the cluster belongs to the `postgres` user and its programs run as that user. */
function asClusterOwner(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function run(bin: string, args: string[], timeoutMs: number): Promise<void> {
  const [command, argv] = asClusterOwner(bin, args);
  return new Promise((resolve, reject) => {
    // pg_ctl's server inherits no pipe of ours (-l writes its log to a file), so 'close' comes when pg_ctl ends.
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${bin} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

export async function startOwnPostgresCluster(): Promise<OwnPostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('No PostgreSQL server programs found (/usr/lib/postgresql/<version>/bin, or set SOSA_PG_BIN).');
  // As root the cluster's owner is `postgres`, which must reach the folder: /tmp, whatever TMPDIR says.
  const dir = mkdtempSync(join(process.getuid?.() === 0 ? '/tmp' : tmpdir(), 'sosa-own-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();
  let running = false;
  let destroyed = false;
  const pgCtl = join(bin, 'pg_ctl');
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=50`;
  const cluster: OwnPostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await run(pgCtl, ['start', '-w', '-t', '60', '-D', data, '-l', logFile, '-o', options], 90_000);
      running = true;
    },
    async crash() {
      await run(pgCtl, ['stop', '-m', 'immediate', '-w', '-t', '30', '-D', data], 60_000);
      running = false;
    },
    log() {
      try {
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (running || existsSync(join(data, 'postmaster.pid'))) {
        await run(pgCtl, ['stop', '-m', 'immediate', '-w', '-t', '30', '-D', data], 60_000).catch(() => {});
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], 120_000);
    await cluster.start();
    return cluster;
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
}
