import type { Config } from '../../config.js';

/** Who passkeys are registered to and used at: the RP ID the authenticator scopes them by, and the one origin accepted. */
export interface RelyingParty {
  rpId: string;
  rpName: string;
  origin: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The relying party of passkeys. Configured: the origin of SOSA_PUBLIC_URL and SOSA_WEBAUTHN_RP_ID
 * (or that URL's host). Not configured: the origin the request came to, but only when it is a
 * loopback address (a developer's or the demo's `npm start` at http://localhost:3000). Why only
 * there: the origin check is what makes a passkey useless to a phishing site, and an origin taken
 * from the request's Host header is whatever the caller (or a relaying proxy) says, so elsewhere it
 * would check nothing. A browser signs `http://localhost:…` only for a page on its own machine, so
 * no remote site can borrow it. Otherwise null: passkeys are unavailable until configured.
 */
export function relyingParty(config: Pick<Config, 'publicUrl' | 'webauthnRpId'>, requestUrl: string): RelyingParty | null {
  if (config.publicUrl) {
    const url = new URL(config.publicUrl);
    return { rpId: config.webauthnRpId ?? url.hostname, rpName: 'SOSA Desk', origin: url.origin };
  }
  const url = new URL(requestUrl);
  if (!LOOPBACK.has(url.hostname)) return null;
  return { rpId: url.hostname, rpName: 'SOSA Desk', origin: url.origin };
}
