import { calculateJwkThumbprint, decodeJwt } from 'jose';
import { DESCRIPTOR_TYPE, peerDescriptorSchema, type PeerDescriptor } from './descriptor.js';
import { verifySigned } from './signing.js';

export type DescriptorReading = { ok: true; descriptor: PeerDescriptor; fingerprint: string } | { ok: false; detail: string };

/**
 * Reads a partner's descriptor. It is signed by its own active key: that proves the exporter
 * holds the private key and that nothing changed in transit, not who the exporter is. Who it is
 * comes from the operators comparing `fingerprint` over a channel they already trust.
 */
export async function readDescriptor(jws: string): Promise<DescriptorReading> {
  let claimed: unknown;
  try {
    claimed = decodeJwt(jws.trim());
  } catch {
    return { ok: false, detail: 'not a signed descriptor (expected the output of `sosa peer descriptor`)' };
  }
  const parsed = peerDescriptorSchema.safeParse(claimed);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, detail: `${first?.path.join('/') || '(root)'}: ${first?.message ?? 'invalid'}` };
  }
  for (const key of parsed.data.keys) {
    if ((await calculateJwkThumbprint(key.jwk)) !== key.kid) return { ok: false, detail: `key ${key.kid} is not the thumbprint of its public key` };
  }
  const active = parsed.data.keys.filter((k) => k.status === 'active');
  const verified = await verifySigned(jws.trim(), active, DESCRIPTOR_TYPE, peerDescriptorSchema);
  if (!verified.ok) return { ok: false, detail: `not signed by its own active key (${verified.reason}: ${verified.detail})` };
  return { ok: true, descriptor: verified.value, fingerprint: fingerprintOf(verified.kid) };
}

/** The active key's thumbprint in groups of four, easy to read aloud over the phone. */
export function fingerprintOf(kid: string): string {
  return kid.match(/.{1,4}/g)!.join(' ');
}
