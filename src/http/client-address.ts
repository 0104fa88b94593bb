import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { TrustProxy } from '../config.js';
import type { HttpEnv } from './http-env.js';

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything else unchanged. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address.toLowerCase();
}

function socketAddress(c: Context<HttpEnv>): string {
  const bindings = (c.env ?? {}) as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } };
  const address = (bindings.server ?? bindings).incoming?.socket?.remoteAddress;
  return address ? normaliseAddress(address) : 'in-process';
}

const trustedLists = new WeakMap<object, BlockList>();
function trustedList(trust: { cidrs: string[] }): BlockList {
  let list = trustedLists.get(trust);
  if (!list) {
    list = new BlockList();
    for (const cidr of trust.cidrs) {
      const [address = '', bits] = cidr.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(normaliseAddress(address), family);
      else list.addSubnet(normaliseAddress(address), Number(bits), family);
    }
    trustedLists.set(trust, list);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address. X-Forwarded-For is written by the client too: only the entries appended
 * by proxies we trust are believed. With N hops, the client is the N-th address from the right of
 * [...X-Forwarded-For, socket]; with CIDRs, the rightmost address that is not a trusted proxy.
 * Without TRUST_PROXY the header is ignored.
 */
export function clientAddress(c: Context<HttpEnv>, trust: TrustProxy | null): string {
  const socket = socketAddress(c);
  if (!trust) return socket;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => isIP(normaliseAddress(a)) !== 0)
    .map(normaliseAddress);
  const chain = [...forwarded, socket];
  if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
  const list = trustedList(trust);
  for (let i = chain.length - 1; i > 0; i--) if (!isTrusted(list, chain[i]!)) return chain[i]!;
  return chain[0]!;
}
