// Runs the real `sosa` command (bin/sosa.js) as a child process for the CLI tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');

// The command under test never reads or writes the real user's stored login (`sosa login`): unless
// a test names its own, every run gets an empty configuration folder of this test process.
let emptyConfigHome: string | null = null;
function configHome(): string {
  if (emptyConfigHome === null) {
    const dir = mkdtempSync(join(tmpdir(), 'sosa-cli-config-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    emptyConfigHome = dir;
  }
  return emptyConfigHome;
}

/**
 * Runs `sosa ARGS` with the test process's environment plus `env`; `input` is written to its
 * standard input (else it has none). Resolves with its exit code and output.
 */
export function sosa(args: string[], env: Record<string, string>, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, XDG_CONFIG_HOME: configHome(), ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (input !== undefined) child.stdin!.end(input);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
