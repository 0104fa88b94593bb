import { z } from 'zod';
import { NATION_CODE } from './message.js';

/**
 * An instance's peer descriptor (issue #13): what a partner's operator needs to peer with it, and
 * nothing else. Peering is configuration: `sosa peer descriptor` exports it signed by the
 * instance's active key, `sosa peer add` on the other side takes it. The model is X-Road's
 * configuration anchor: trust is set up once, by people who compare the key fingerprint over a
 * channel they already trust, and every message after that is checked against it.
 */
export const DESCRIPTOR_FORMAT = 'sosa-desk-peer/1';
export const DESCRIPTOR_TYPE = 'sosa-descriptor+jws';
export const MESSAGE_TYPE = 'sosa-message+jws';
export const RECEIPT_TYPE = 'sosa-receipt+jws';

const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

const publicJwk = z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key') });

export const descriptorKeySchema = z.strictObject({
  /** The RFC 7638 thumbprint of `jwk`; checked on import, so a descriptor cannot name a key falsely. */
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  jwk: publicJwk,
  /** "active" signs new messages; "retired" still verifies what was signed before a rotation. */
  status: z.enum(['active', 'retired']),
  createdAt: z.iso.datetime({ offset: true }),
});
export type DescriptorKey = z.infer<typeof descriptorKeySchema>;

export const peerDescriptorSchema = z.strictObject({
  format: z.literal(DESCRIPTOR_FORMAT),
  nation: NATION_CODE,
  /** Where the peer's federation endpoints answer, e.g. https://sosa.mod.gov.in */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !url.endsWith('/'), 'without a trailing slash')
    // The signature protects what crosses, not its secrecy: between nations only over TLS.
    // Plain http is for an instance and its peer on one machine (trials, tests).
    .refine((url) => url.startsWith('https://') || LOOPBACK.test(new URL(url).hostname), 'https, except on this machine (localhost, 127.0.0.1, [::1])'),
  /** The arrangements this instance takes part in, e.g. ["US-IN", "US-GB"]. */
  arrangements: z.array(z.string().regex(/^[A-Z]{2}-[A-Z]{2}$/)).min(1),
  keys: z.array(descriptorKeySchema).min(1).refine((keys) => keys.filter((k) => k.status === 'active').length === 1, 'exactly one active key'),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type PeerDescriptor = z.infer<typeof peerDescriptorSchema>;

/** "US-IN" → both nations; the order in the name does not matter. */
export function arrangementNations(arrangement: string): [string, string] {
  const [a, b] = arrangement.split('-') as [string, string];
  return [a, b];
}

/** The arrangements two instances share: those that name both nations and that both list. */
export function sharedArrangements(own: { nation: string; arrangements: readonly string[] }, peer: Pick<PeerDescriptor, 'nation' | 'arrangements'>): string[] {
  const key = (a: string) => arrangementNations(a).sort().join('-');
  const peerKeys = new Set(peer.arrangements.map(key));
  return own.arrangements.filter((a) => {
    const nations = arrangementNations(a);
    return nations.includes(own.nation) && nations.includes(peer.nation) && peerKeys.has(key(a));
  });
}
