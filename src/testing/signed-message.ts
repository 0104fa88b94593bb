import { randomUUID } from 'node:crypto';
import { MESSAGE_TYPE } from '../domain/federation/descriptor.js';
import type { FederationMessage } from '../domain/federation/message.js';
import { signPayload, type SigningKey } from '../domain/federation/signing.js';

/** A message of the US instance to India's, the first of its queue, as a test writes it by hand: `message` names what it is about and anything else the test changes. */
export function signedUsToIndia(key: SigningKey, message: Pick<FederationMessage, 'kind' | 'object' | 'body'> & Partial<FederationMessage>): Promise<string> {
  const envelope: FederationMessage = { id: randomUUID(), arrangement: 'US-IN', from: 'US', to: 'IN', seq: 1, answers: null, sentAt: new Date().toISOString(), ...message };
  return signPayload(envelope, key, MESSAGE_TYPE);
}
