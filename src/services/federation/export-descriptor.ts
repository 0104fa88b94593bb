import { AppError } from '../../domain/errors.js';
import { DESCRIPTOR_FORMAT, DESCRIPTOR_TYPE, peerDescriptorSchema, type PeerDescriptor } from '../../domain/federation/descriptor.js';
import { signPayload } from '../../domain/federation/signing.js';
import { loadActiveSigningKey, publicKeys } from './key-store.js';

/** `sosa peer descriptor`: this instance as a partner's operator will add it, signed by its active key. */
export async function exportDescriptor(options: { nation: string; baseUrl: string; arrangements: string[]; keyDir: string; now: Date }): Promise<{ jws: string; descriptor: PeerDescriptor }> {
  const descriptor: PeerDescriptor = {
    format: DESCRIPTOR_FORMAT,
    nation: options.nation,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    arrangements: options.arrangements,
    keys: await publicKeys(options.keyDir),
    issuedAt: options.now.toISOString(),
  };
  const checked = peerDescriptorSchema.safeParse(descriptor);
  if (!checked.success) {
    throw new AppError('CONFIG_INVALID', { detail: 'this instance cannot describe itself to a peer', errors: checked.error.issues.map((i) => ({ field: i.path.join('/'), message: i.message })) });
  }
  return { jws: await signPayload(descriptor, await loadActiveSigningKey(options.keyDir), DESCRIPTOR_TYPE), descriptor };
}
