import type { AppContext } from '../context.js';

/** Per instance (one process may hold two in tests): the peers whose outbox it should fetch from. */
const wanted = new WeakMap<AppContext['store'], Set<string>>();

function of(ctx: Pick<AppContext, 'store'>): Set<string> {
  let set = wanted.get(ctx.store);
  if (!set) wanted.set(ctx.store, (set = new Set()));
  return set;
}

/** The inbox saw a gap from `peerNation`, or the sender started: fetch what it sent. */
export function requestCatchUp(ctx: Pick<AppContext, 'store'>, peerNation: string): void {
  of(ctx).add(peerNation);
}

/** Takes the peers asked for, emptying the set. */
export function takeCatchUpRequests(ctx: Pick<AppContext, 'store'>): string[] {
  const set = of(ctx);
  const all = [...set];
  set.clear();
  return all;
}

export function catchUpRequested(ctx: Pick<AppContext, 'store'>): boolean {
  return of(ctx).size > 0;
}

/** Per instance: a file listed without its content was received, to fetch (fetch-partner-files.ts). */
const filesWanted = new WeakSet<AppContext['store']>();

export function requestFileFetch(ctx: Pick<AppContext, 'store'>): void {
  filesWanted.add(ctx.store);
}

export function fileFetchRequested(ctx: Pick<AppContext, 'store'>): boolean {
  return filesWanted.has(ctx.store);
}

/** Whether a fetch was asked for since the last call, clearing it. */
export function takeFileFetchRequest(ctx: Pick<AppContext, 'store'>): boolean {
  return filesWanted.delete(ctx.store);
}
