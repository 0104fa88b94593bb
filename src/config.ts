import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { oidcConfigFileSchema, type OidcProviderConfig } from './domain/auth/oidc-provider-config.js';
import { AppError } from './domain/errors.js';
import { OTLP_PROTOCOLS, tracingSettings, type TracingSettings } from './telemetry/tracing-settings.js';

/**
 * Configuration from the environment, parsed once. Every variable has a default or a clear
 * error; all bad keys are reported together.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL connection string; unset → embedded PGlite in SOSA_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  SOSA_DATA_DIR: z.string().default('./data'),
  /** The nation this instance belongs to (issue #13: one instance per nation); unset → a shared deployment. */
  SOSA_NATION: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter nation code such as US or IN').optional(),
  /** The instance's signing keys, outside the database; default <SOSA_DATA_DIR>/keys. */
  SOSA_KEY_DIR: z.string().optional(),
  /** Federation: the longest wait between two delivery attempts to an unreachable peer (backoff doubles from 1 s up to it). */
  SOSA_FEDERATION_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Federation: how long one delivery attempt waits for the peer's answer before it counts as failed (a link that hangs). */
  SOSA_FEDERATION_ATTEMPT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  /** Federation: how often this instance sends each peer a signed checkpoint of its audit chain (issue #13); a day by default. */
  SOSA_AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(30 * 86_400).default(86_400),
  SOSA_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often the deadline scheduler looks for overdue items. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** A JSON file naming each organisation's OpenID Connect provider (README: Single sign-on); unset → no single sign-on. */
  SOSA_OIDC_CONFIG: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1024).default(10 * 1_048_576),
  /** LEMOA/ACSA: months after delivery to settle a logistics order (10 USC 2345: 12; LEMOA's own limit is not public). */
  LOGISTICS_SETTLEMENT_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example:587; unset → e-mail disabled. */
  SOSA_SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL').optional(),
  /** Sender of notification e-mails. */
  SOSA_MAIL_FROM: z.string().min(3).default('SOSA Desk <no-reply@sosa-desk.invalid>'),
  /** The address users open the web UI at, for links in e-mails. */
  SOSA_PUBLIC_URL: z.string().url().optional(),
  /**
   * Passkeys (WebAuthn): the relying party ID, a registrable domain the web UI's host ends with
   * (e.g. example.gov for sosa.example.gov); unset → the host of SOSA_PUBLIC_URL.
   */
  SOSA_WEBAUTHN_RP_ID: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a lower-case domain name such as example.gov (no scheme, port or path)')
    .optional(),
  /** How often the mail sender looks for due mail. */
  SOSA_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /** Supply networks: the largest import accepted (nodes, and bytes of the upload). */
  NETWORK_MAX_NODES: z.coerce.number().int().min(1).max(2_000_000).default(100_000),
  NETWORK_MAX_BYTES: z.coerce.number().int().min(1024).default(32 * 1_048_576),
  /**
   * Issue #14, on PostgreSQL: analysis chunks the server process works at once (its LP threads);
   * 0 → the server only queues runs and `sosa worker` processes work them.
   */
  SOSA_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  /** A queued analysis job still active this long after it started is retried elsewhere (its worker is taken as dead). */
  SOSA_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** Disruption rows per chunk of a queued scenario run. */
  SOSA_CHUNK_ROWS: z.coerce.number().int().min(1).max(100_000).default(64),
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections are cut. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(20),
  /** Prometheus /metrics on the main port, for `Authorization: Bearer <token>` only; unset → no /metrics there. */
  SOSA_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Prometheus /metrics on its own listener bound to 127.0.0.1 (no token asked); unset → none. */
  SOSA_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /**
   * Behind a reverse proxy: how many proxy hops to trust (e.g. 1), or the proxies' addresses as a
   * comma-separated list of IPs/CIDRs. Unset: X-Forwarded-For is ignored and the socket's address
   * is the client (a header the client writes itself must not choose its throttle key).
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const parsed = value === undefined ? null : parseTrustProxy(value);
      if (parsed === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a number of proxy hops (1-10) or a comma-separated list of IP addresses or CIDRs, e.g. 10.0.0.0/8,127.0.0.1' });
        return z.NEVER;
      }
      return parsed;
    }),
});

export type TrustProxy = { hops: number } | { cidrs: string[] };

/** "2" → 2 hops; "10.0.0.0/8, ::1" → CIDRs; "false"/"0" → none; anything else → undefined (invalid). */
export function parseTrustProxy(value: string): TrustProxy | null | undefined {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return null;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops >= 1 && hops <= 10 ? { hops } : undefined;
  }
  const cidrs = text.split(',').map((p) => p.trim()).filter(Boolean);
  const valid = cidrs.every((c) => {
    const [address = '', bits, extra] = c.split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    if (bits === undefined) return true;
    return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  });
  return valid && cidrs.length ? { cidrs } : undefined;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  nation: string | undefined;
  keyDir: string;
  federationRetryMaxSeconds: number;
  federationAttemptTimeoutSeconds: number;
  auditCheckpointIntervalSeconds: number;
  demoPassword: string | undefined;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  schedulerIntervalSeconds: number;
  sessionTtlHours: number;
  maxBodyBytes: number;
  maxAttachmentBytes: number;
  logisticsSettlementMonths: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string | undefined;
  /** SOSA_WEBAUTHN_RP_ID; with publicUrl it fixes the passkeys' relying party (services/auth/relying-party.ts). */
  webauthnRpId: string | undefined;
  mailIntervalSeconds: number;
  maxNetworkNodes: number;
  maxNetworkBytes: number;
  /** TRUST_PROXY: null → the socket address is the client. */
  trustProxy: TrustProxy | null;
  /** The OpenID Connect providers of SOSA_OIDC_CONFIG, checked at start. */
  oidcProviders: OidcProviderConfig[];
  shutdownGraceSeconds: number;
  /** SOSA_WORKERS, SOSA_JOB_EXPIRE_SECONDS, SOSA_CHUNK_ROWS: the analysis job queue on PostgreSQL. */
  workers: number;
  jobExpireSeconds: number;
  chunkRows: number;
  metricsToken: string | undefined;
  metricsPort: number | undefined;
  /** OpenTelemetry traces by OTLP (the standard OTEL_* variables); null → none, and no tracing code loaded. */
  tracing: TracingSettings | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', {
      detail: `Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const c = parsed.data;
  const tracing = tracingSettings(cleaned);
  if (tracing && !OTLP_PROTOCOLS.includes(tracing.protocol as TracingSettings['protocol'])) {
    const message = `must be ${OTLP_PROTOCOLS.join(' or ')} (grpc is not built in)`;
    throw new AppError('CONFIG_INVALID', { detail: `Invalid configuration: OTEL_EXPORTER_OTLP_PROTOCOL: ${message}`, errors: [{ field: 'OTEL_EXPORTER_OTLP_PROTOCOL', message }] });
  }
  const rpProblem = relyingPartyProblem(c.SOSA_WEBAUTHN_RP_ID, c.SOSA_PUBLIC_URL);
  if (rpProblem) throw new AppError('CONFIG_INVALID', { detail: `Invalid configuration: SOSA_WEBAUTHN_RP_ID: ${rpProblem}`, errors: [{ field: 'SOSA_WEBAUTHN_RP_ID', message: rpProblem }] });
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(c.SOSA_DATA_DIR),
    nation: c.SOSA_NATION,
    keyDir: resolve(c.SOSA_KEY_DIR ?? `${c.SOSA_DATA_DIR}/keys`),
    federationRetryMaxSeconds: c.SOSA_FEDERATION_RETRY_MAX_SECONDS,
    federationAttemptTimeoutSeconds: c.SOSA_FEDERATION_ATTEMPT_TIMEOUT_SECONDS,
    auditCheckpointIntervalSeconds: c.SOSA_AUDIT_CHECKPOINT_INTERVAL_SECONDS,
    demoPassword: c.SOSA_DEMO_PASSWORD,
    logLevel: c.LOG_LEVEL,
    schedulerIntervalSeconds: c.SCHEDULER_INTERVAL_SECONDS,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    maxBodyBytes: c.MAX_BODY_BYTES,
    maxAttachmentBytes: c.MAX_ATTACHMENT_BYTES,
    logisticsSettlementMonths: c.LOGISTICS_SETTLEMENT_MONTHS,
    smtpUrl: c.SOSA_SMTP_URL,
    mailFrom: c.SOSA_MAIL_FROM,
    publicUrl: c.SOSA_PUBLIC_URL,
    webauthnRpId: c.SOSA_WEBAUTHN_RP_ID,
    mailIntervalSeconds: c.SOSA_MAIL_INTERVAL_SECONDS,
    maxNetworkNodes: c.NETWORK_MAX_NODES,
    maxNetworkBytes: c.NETWORK_MAX_BYTES,
    trustProxy: c.TRUST_PROXY ?? null,
    oidcProviders: c.SOSA_OIDC_CONFIG ? readOidcConfig(c.SOSA_OIDC_CONFIG) : [],
    shutdownGraceSeconds: c.SHUTDOWN_GRACE_SECONDS,
    workers: c.SOSA_WORKERS,
    jobExpireSeconds: c.SOSA_JOB_EXPIRE_SECONDS,
    chunkRows: c.SOSA_CHUNK_ROWS,
    metricsToken: c.SOSA_METRICS_TOKEN,
    metricsPort: c.SOSA_METRICS_PORT,
    tracing: tracing as TracingSettings | null,
  };
}

/** WebAuthn §5.1.3: the RP ID must be the origin's host or a registrable suffix of it. */
function relyingPartyProblem(rpId: string | undefined, publicUrl: string | undefined): string | null {
  if (!rpId) return null;
  if (!publicUrl) return 'needs SOSA_PUBLIC_URL (the origin passkeys are used at)';
  const host = new URL(publicUrl).hostname;
  return host === rpId || host.endsWith(`.${rpId}`) ? null : `must be the host of SOSA_PUBLIC_URL (${host}) or a domain it ends with`;
}

/** The providers of the file, or a configuration error naming every bad field. */
export function readOidcConfig(path: string): OidcProviderConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError('CONFIG_INVALID', { detail: `Invalid configuration: SOSA_OIDC_CONFIG: cannot read ${path} as JSON (${(e as Error).message})` });
  }
  const parsed = oidcConfigFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', {
      detail: `Invalid configuration: SOSA_OIDC_CONFIG ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      errors: parsed.error.issues.map((i) => ({ field: `SOSA_OIDC_CONFIG.${i.path.join('.')}`, message: i.message })),
    });
  }
  return parsed.data.providers;
}
