import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The 38 public Willems (2008) chains, kept in the repository (fixtures/willems-2008/README.md). */
export const WILLEMS_DIR = resolve(import.meta.dirname, '../../fixtures/willems-2008');

/** Chain `n` (1–38) as its CSV text. */
export function willemsChain(n: number): string {
  return readFileSync(resolve(WILLEMS_DIR, `${String(n).padStart(2, '0')}.csv`), 'utf8');
}
