// Transpiles the TypeScript that the test suite loads to JavaScript once, into
// node_modules/.cache/sosa-test-build/run-<pid>/, with esbuild's TypeScript transform (the one tsx runs).
//
// Why: `node --import tsx` sends every module of every test process through loader hooks on a
// second thread. Importing the app that way took ~5 s of CPU per test process against ~2.5 s for
// the same modules already in JavaScript, and the suite starts some 300 test processes on a
// 2-core CI machine. The `sosa` commands and servers the tests start load the same build
// (bin/sosa.js, when SOSA_TEST_BUILD names it), except where a test empties that variable to run
// the sources through tsx as a user's command does.
//
// Each run of the suite builds into a folder of its own (run-<pid>), removed at its end, so a
// second run in the same checkout (a targeted run beside the whole suite) never deletes the files
// the first is loading; folders of runs whose process is gone are removed at the next build.
//
// Each file is transformed on its own and keeps its place in the tree, so `./x.js` imports find
// their files as they do under tsx; `import.meta.url`, `import.meta.dirname` and
// `import.meta.filename` are replaced by the source file's, so paths computed from them (fixtures,
// migrations, web/dist, node_modules/.cache) are the same as when the source runs.
import { transform } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const BUILDS = join(ROOT, 'node_modules', '.cache', 'sosa-test-build');
export const TEST_BUILD_DIR = join(BUILDS, `run-${process.pid}`);
// What the tests import: the sources, the web UI's helpers, the browser tests, and the scripts and
// benchmarks a test checks (the contract's generator, the first page's measure).
const TREES = ['src', 'web/src', 'e2e', 'scripts', 'bench'];

const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The built file that stands for `source` (a path under one of the trees): `.ts`/`.tsx` become `.js`. */
export function builtPath(source) {
  return join(TEST_BUILD_DIR, relative(ROOT, source)).replace(/\.tsx?$/, '.js');
}

/** The source file a built path stands for (for messages that name a test file). */
export function sourcePath(built) {
  const rel = relative(TEST_BUILD_DIR, built);
  if (rel.startsWith('..')) return built;
  return join(ROOT, rel.endsWith('.js') ? rel.replace(/\.js$/, '.ts') : rel);
}

function withSourcePaths(text, source) {
  if (!text.includes('import.meta')) return text;
  return text
    .replaceAll('import.meta.dirname', JSON.stringify(dirname(source)))
    .replaceAll('import.meta.filename', JSON.stringify(source))
    .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(source).href));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Removes this run's build, and those of runs whose process is gone (killed before their end). */
export function removeTestBuilds() {
  rmSync(TEST_BUILD_DIR, { recursive: true, force: true });
  let entries = [];
  try {
    entries = readdirSync(BUILDS);
  } catch {
    return;
  }
  for (const name of entries) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    // A folder not named run-<pid> is an older layout's single build: no run of this layout loads it.
    if (!pid || !alive(Number(pid))) rmSync(join(BUILDS, name), { recursive: true, force: true });
  }
}

export async function buildTests() {
  removeTestBuilds();
  const files = TREES.flatMap((tree) => sourceFiles(join(ROOT, tree)));
  await Promise.all(
    files.map(async (source) => {
      const { code } = await transform(withSourcePaths(readFileSync(source, 'utf8'), source), {
        loader: source.endsWith('.tsx') ? 'tsx' : source.endsWith('.mjs') ? 'js' : 'ts',
        format: 'esm',
        target: 'node20',
        sourcemap: 'inline',
        sourcefile: source,
        tsconfigRaw: { compilerOptions },
      });
      const target = builtPath(source);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }),
  );
  return files.length;
}
