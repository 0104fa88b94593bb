import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (the certified `oidc-provider` package) on 127.0.0.1, standing
 * in for an organisation's identity provider in the single sign-on tests (issue #16). Its sign-in
 * page takes any account of `accounts` (any password); the account's claims are read at each
 * sign-in, so a test changes a person's groups between two logins.
 */
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, { preferred_username: string; name: string; groups: string[] }>;
  /** Set: the provider signs its ID tokens for this audience instead of the client (a token minted for another application). */
  misissue: { audience: string | null };
  close(): Promise<void>;
}

export async function startTestProvider(options: { redirectUris: string[]; idTokenSeconds?: number }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const accounts: TestProvider['accounts'] = new Map();
  const misissue: TestProvider['misissue'] = { audience: null };
  const clientId = 'sosa-desk';
  const clientSecret = 'test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-test-provider-cookie-key'] },
    scopes: ['openid', 'profile', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], groups: ['groups'] },
    // The profile and groups in the ID token itself, as most organisations' providers send them.
    conformIdTokenClaims: false,
    ttl: { IdToken: options.idTokenSeconds ?? 3600, AccessToken: 3600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    // SOSA Desk is the organisation's own application: no consent screen (first-party client).
    async loadExistingGrant(ctx: any) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile groups');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (misissue.audience && ctx.path === '/token' && ctx.body?.id_token) {
      const claims = decodeJwt(ctx.body.id_token as string);
      ctx.body = { ...ctx.body, id_token: await new SignJWT({ ...claims, aud: misissue.audience }).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).sign(privateKey) };
    }
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    misissue,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** A cookie jar of one site, enough to walk the provider's sign-in pages with fetch. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Signs in at the provider as the browser would: follows the authorization URL to the sign-in
 * form, submits it for the account, and returns the URL the provider sends the browser back to
 * (the client's redirect URI with code and state, or an error).
 */
export async function signInAtProvider(authorizationUrl: string, account: string, jar = new CookieJar()): Promise<URL> {
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let method = 'GET';
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { method, redirect: 'manual', headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(body ? { body } : {}) });
    jar.store(res.headers);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      await res.arrayBuffer();
      if (next.origin !== origin) return next;
      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action, url);
    method = 'POST';
    body = new URLSearchParams({ prompt: /name="prompt" value="consent"/.test(html) ? 'consent' : 'login', login: account, password: 'any' });
  }
  throw new Error('the provider sent the browser round too many times');
}

/**
 * An operator's entry for India's Ministry of Defence signing in through `idp`, as the
 * SOSA_OIDC_CONFIG file lists providers: its groups map to the SOSA officer and analyst roles.
 */
export function indiaMinistryProvider(idp: TestProvider, entry: { key: string; label: string; provisioning: 'create' | 'must_exist' }) {
  return {
    ...entry,
    nation: 'IN',
    organisation: 'MoD-DGAcq',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid profile groups',
    claims: { username: 'preferred_username', displayName: 'name', groups: 'groups' },
    roleMap: { 'sosa-cell': ['sosa_officer'], 'supply-analysts': ['analyst'] },
  };
}
