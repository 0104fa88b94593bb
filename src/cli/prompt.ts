// Asking a person at a terminal: a visible question, and a password that is not echoed.
import { createInterface } from 'node:readline/promises';
import { AppError } from '../domain/errors.js';

export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/**
 * Reads a password at the terminal with echo off: the terminal is put in raw mode, so nothing
 * typed appears on screen (or in a screen recording or scrollback). Enter ends it, Backspace
 * deletes, Ctrl-C or Ctrl-D on an empty line cancels.
 */
export function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    // Echo goes off before the question shows: a password typed or pasted at once is not shown either.
    input.setRawMode(true);
    process.stderr.write(question);
    let value = '';
    const finish = (error: AppError | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(null);
        if (ch === '\u0003' || (ch === '\u0004' && value === '')) return finish(new AppError('VALIDATION_FAILED', { detail: 'Login cancelled.' }));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** A password piped in (`sosa login < file`, a secret manager): its first line. */
export function readPasswordFromStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (data += chunk));
    process.stdin.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
    process.stdin.on('error', reject);
  });
}
