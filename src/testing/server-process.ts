import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fillWithMigratedDatabase } from './test-store.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
}

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');

/**
 * Starts the real `sosa serve` in its own process and waits for its "running at" line. With
 * `--demo` it starts from the demo users and reference data only (`--no-demo-life`), as the
 * tests' data expect, unless `demoLife` asks for the month of demo life. A new `--data` folder
 * starts from the migrated database (fillWithMigratedDatabase), not from PGlite's initdb.
 * `nodeArgs` go to node before the script (a benchmark's `--cpu-prof`).
 */
export async function startServerProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000, options: { demoLife?: boolean; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  const data = args.indexOf('--data');
  if (data >= 0) await fillWithMigratedDatabase(args[data + 1]!);
  const life = args.includes('--demo') && !options.demoLife ? ['--no-demo-life'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, 'serve', '--port', '0', ...args, ...life], {
    env: { ...process.env, LOG_LEVEL: 'warn', SCHEDULER_INTERVAL_SECONDS: '3600', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${output}`));
    });
  });
}

export function killHard(server: ServerProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolvePromise();
    server.child.once('exit', () => resolvePromise());
    server.child.kill('SIGKILL');
  });
}
