import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialDescriptorJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';

// The library's option objects member by member, as session.schema.ts declares them: an answer
// carries nothing the contract does not name, even if a later library version adds members.

const descriptor = (d: PublicKeyCredentialDescriptorJSON) => ({ id: d.id, type: d.type, ...(d.transports ? { transports: [...d.transports] } : {}) });

export function presentCreationOptions(o: PublicKeyCredentialCreationOptionsJSON) {
  const sel = o.authenticatorSelection ?? {};
  return {
    challenge: o.challenge,
    rp: { name: o.rp.name, id: o.rp.id ?? '' },
    user: { id: o.user.id, name: o.user.name, displayName: o.user.displayName },
    pubKeyCredParams: o.pubKeyCredParams.map((p) => ({ type: p.type, alg: p.alg })),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    excludeCredentials: (o.excludeCredentials ?? []).map(descriptor),
    authenticatorSelection: {
      ...(sel.residentKey ? { residentKey: sel.residentKey } : {}),
      ...(sel.userVerification ? { userVerification: sel.userVerification } : {}),
      ...(sel.requireResidentKey !== undefined ? { requireResidentKey: sel.requireResidentKey } : {}),
      ...(sel.authenticatorAttachment ? { authenticatorAttachment: sel.authenticatorAttachment } : {}),
    },
    ...(o.attestation ? { attestation: o.attestation } : {}),
    extensions: { credProps: Boolean((o.extensions as { credProps?: boolean } | undefined)?.credProps) },
  };
}

export function presentRequestOptions(o: PublicKeyCredentialRequestOptionsJSON) {
  return {
    challenge: o.challenge,
    rpId: o.rpId ?? '',
    allowCredentials: (o.allowCredentials ?? []).map(descriptor),
    ...(o.timeout !== undefined ? { timeout: o.timeout } : {}),
    ...(o.userVerification ? { userVerification: o.userVerification } : {}),
  };
}

/** The declared Passkey of one of the user's own: the list on the status, and the one just registered. */
export function presentPasskey(p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }) {
  return { id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null };
}
