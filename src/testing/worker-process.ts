import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  output: () => string;
}

/**
 * Starts the real `sosa worker --concurrency N` (issue #14) in its own process and waits for its
 * "is working analysis jobs" line. `env` gives it the database (DATABASE_URL) and the job settings.
 */
export function startWorkerProcess(env: Record<string, string>, options: { concurrency?: number; timeoutMs?: number } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', String(options.concurrency ?? 1)], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/is working analysis jobs/.test(output)) {
        clearTimeout(timer);
        resolvePromise({ child, pid: child.pid!, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
}

/** SIGKILLs a process this run started and waits for its exit (at once if it has already exited). */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
    child.kill('SIGKILL');
  });
}
