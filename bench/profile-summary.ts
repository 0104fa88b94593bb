// Summarises a .cpuprofile (node --cpu-prof): self time by function and by package/file, and
// total (inclusive) time of the heaviest functions. `node --import tsx bench/profile-summary.ts FILE [N]`.
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }
const file = process.argv[2]!;
const top = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// `--from=S`: only the samples from S seconds after the profile's start (skips the server's start).
const from = Number(process.argv.find((a) => a.startsWith('--from='))?.slice(7) ?? 0) * 1e6;
let clock = 0;
const kept = profile.samples.filter((_, i) => (clock += profile.timeDeltas[i]!) >= from);
const total = kept.length;
const where = (n: Node) => {
  const u = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*\/hot-path\//, '');
  return u;
};
const label = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${where(n)}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const bucket = new Map<string, number>();
const incl = new Map<string, number>();
for (const s of kept) {
  const n = byId.get(s)!;
  self.set(label(n), (self.get(label(n)) ?? 0) + 1);
  const w = where(n);
  const b = w.startsWith('nm:') ? w.split('/').slice(0, w.startsWith('nm:@') ? 2 : 1).join('/') : w || n.callFrame.functionName;
  bucket.set(b, (bucket.get(b) ?? 0) + 1);
  const seen = new Set<string>();
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id)!);
    if (!seen.has(l)) { seen.add(l); incl.set(l, (incl.get(l) ?? 0) + 1); }
  }
}
const pct = (v: number) => `${((v / total) * 100).toFixed(1)}%`;
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n== ${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(v).padStart(6), k);
};
show('self by function', self);
show('self by package/file', bucket);
show('inclusive', incl);
