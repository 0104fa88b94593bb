import type { PGlite } from '@electric-sql/pglite';

// The size of a data file, kept between writes, on PGlite's data folder (issue #14). PostgreSQL
// asks a relation's size (lseek to the end of its file) every time it starts or restarts a scan of
// it: for the list and the work queue, whose per-row subqueries scan the assignments and the
// organisations once per row, about 40 times a read. On a data folder PGlite answers each with an
// fstat() of the real file (Emscripten's NODEFS): under load that was 8 % of the server's CPU.
//
// Here the size found is kept until anything may change a size: every operation of the file
// system forgets every kept size, except the few that only read (READ_ONLY below), so an operation
// a later PGlite adds is taken as a write until it is known to read only (most reads write
// nothing, so their sizes are found once). Nothing else changes these files while PGlite runs: the data
// folder's lock (data-dir-lock.ts) keeps every other process out, and PostgreSQL reaches its files
// only through this file system. Only NODEFS is changed; an in-memory database (MEMFS) already
// answers from memory. If PGlite's build does not have the shape this expects, nothing is changed.

type Op = (this: unknown, ...args: any[]) => any;
interface Ops { [name: string]: Op | undefined }
interface Stream { nfd: number; node: { mode: number } }
interface FileSystemType { stream_ops?: Ops; node_ops?: Ops; tryFSOperation?: unknown; convertNodeCode?: unknown }
interface EmscriptenFs {
  isFile(mode: number): boolean;
  ErrnoError: new (errno: number) => Error;
  root?: { mount?: unknown };
  getMounts?(mount: unknown): Array<{ type?: FileSystemType }>;
}

/** Operations that change no file's size; every other one forgets the kept sizes. */
const READ_ONLY = { stream: new Set(['read', 'llseek']), node: new Set(['getattr', 'lookup', 'readdir', 'readlink', 'statfs']) };

const SEEK_END = 2;
const EINVAL = 28;
const patched = new WeakSet<object>();

/** True when this PGlite's NODEFS keeps file sizes between writes from now on (each PGlite has a file system of its own). */
export function keepFileSizes(pglite: PGlite): boolean {
  const fs = (pglite as unknown as { Module?: { FS?: EmscriptenFs } }).Module?.FS;
  // NODEFS is the mounted file system that passes calls to Node's fs (its tryFSOperation, convertNodeCode).
  const nodefs = fs?.root?.mount && typeof fs.getMounts === 'function'
    ? fs.getMounts(fs.root.mount).map((m) => m.type).find((t) => typeof t?.tryFSOperation === 'function' && typeof t.convertNodeCode === 'function')
    : undefined;
  const streamOps = nodefs?.stream_ops;
  const nodeOps = nodefs?.node_ops;
  const llseek = streamOps?.llseek;
  if (!fs || !streamOps || !nodeOps || !llseek || typeof fs.isFile !== 'function') return false;
  if (patched.has(streamOps)) return true;
  patched.add(streamOps);
  const sizes = new Map<number, number>();
  const forgetting = (ops: Ops, readOnly: Set<string>) => {
    for (const [name, original] of Object.entries(ops)) {
      if (readOnly.has(name) || typeof original !== 'function') continue;
      ops[name] = function (this: unknown, ...args: unknown[]) {
        sizes.clear();
        return original.apply(this, args);
      };
    }
  };
  forgetting(streamOps, READ_ONLY.stream);
  forgetting(nodeOps, READ_ONLY.node);
  streamOps.llseek = function (this: unknown, stream: Stream, offset: number, whence: number) {
    if (whence !== SEEK_END || !fs.isFile(stream.node.mode)) return llseek.call(this, stream, offset, whence);
    let size = sizes.get(stream.nfd);
    if (size === undefined) {
      size = llseek.call(this, stream, 0, SEEK_END) as number;
      sizes.set(stream.nfd, size);
    }
    const position = size + offset;
    if (position < 0) throw new fs.ErrnoError(EINVAL);
    return position;
  };
  return true;
}
