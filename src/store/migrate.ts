import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import * as foundation from './migrations/0001-foundation.js';
import * as auditSeqPositive from './migrations/0002-audit-seq-positive.js';
import * as orderBook from './migrations/0003-order-book.js';
import * as orderDecisions from './migrations/0004-order-decisions.js';
import * as orderHistory from './migrations/0005-order-history.js';
import * as spaRequests from './migrations/0006-spa-requests.js';
import * as supplyNetworks from './migrations/0007-supply-networks.js';
import * as partnershipRegisters from './migrations/0008-partnership-registers.js';
import * as workingGroupsLogistics from './migrations/0009-working-groups-logistics.js';
import * as channelsNotifications from './migrations/0010-channels-notifications.js';
import * as authAudit from './migrations/0012-auth-audit.js';
import * as boundsLedger from './migrations/0013-bounds-ledger.js';
import * as orderDeskPerformance from './migrations/0014-order-desk-performance.js';
import * as workflowNotifications from './migrations/0015-workflow-notifications.js';
import * as requestReferences from './migrations/0016-request-references.js';
import * as auditQueue from './migrations/0017-audit-queue.js';
import * as federationPeers from './migrations/0018-federation-peers.js';
import * as federationMessages from './migrations/0019-federation-messages.js';
import * as signInFactors from './migrations/0020-sign-in-factors.js';
import * as disruptionEvents from './migrations/0021-disruption-events.js';
import * as secondFactor from './migrations/0022-second-factor.js';
import * as passkeys from './migrations/0023-passkeys.js';
import * as ssoLinks from './migrations/0024-sso-links.js';
import * as eventSurveys from './migrations/0025-event-surveys.js';
import * as eventRequestsPosture from './migrations/0026-event-requests-posture.js';
import * as requestReadIndexes from './migrations/0027-request-read-indexes.js';
import * as analysisJobs from './migrations/0028-analysis-jobs.js';
import * as requestStateIndex from './migrations/0029-request-state-index.js';
import * as federatedPostures from './migrations/0030-federated-postures.js';
import * as requestQueueIndex from './migrations/0031-request-queue-index.js';
import * as federationRefusals from './migrations/0032-federation-refusals.js';
import * as requestSearchIndex from './migrations/0033-request-search-index.js';
import * as requestQueueAndCounts from './migrations/0034-request-queue-and-counts.js';
import * as peerSubmittedRequests from './migrations/0035-peer-submitted-requests.js';
import * as partnerCopyStepSent from './migrations/0036-partner-copy-step-sent.js';
import * as registersFromPeers from './migrations/0037-registers-from-peers.js';
import * as spaPartnerVersion from './migrations/0038-spa-partner-version.js';
import * as groupsThreadsFromPeers from './migrations/0039-groups-threads-from-peers.js';
import * as logisticsFromPeers from './migrations/0040-logistics-from-peers.js';
import * as workingGroupChangesSent from './migrations/0041-working-group-changes-sent.js';
import * as logisticsClaimSent from './migrations/0042-logistics-claim-sent.js';
import * as partnerCopyStepSentBy from './migrations/0043-partner-copy-step-sent-by.js';
import * as sessionChangeNotices from './migrations/0045-session-change-notices.js';
import * as partnerAttachments from './migrations/0046-partner-attachments.js';
import * as partnerAttachmentFetch from './migrations/0047-partner-attachment-fetch.js';
import * as copyContributions from './migrations/0052-copy-contributions.js';
import * as copyFileFetch from './migrations/0054-copy-file-fetch.js';

// Migrations are listed here, in order, rather than read from a folder at run time, so they
// work the same from source (tsx) and from any bundle.
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-audit-seq-positive': auditSeqPositive,
  '0003-order-book': orderBook,
  '0004-order-decisions': orderDecisions,
  '0005-order-history': orderHistory,
  '0006-spa-requests': spaRequests,
  '0007-supply-networks': supplyNetworks,
  '0008-partnership-registers': partnershipRegisters,
  '0009-working-groups-logistics': workingGroupsLogistics,
  '0010-channels-notifications': channelsNotifications,
  '0012-auth-audit': authAudit,
  '0013-bounds-ledger': boundsLedger,
  '0014-order-desk-performance': orderDeskPerformance,
  '0015-workflow-notifications': workflowNotifications,
  '0016-request-references': requestReferences,
  '0017-audit-queue': auditQueue,
  '0018-federation-peers': federationPeers,
  '0019-federation-messages': federationMessages,
  '0020-sign-in-factors': signInFactors,
  '0021-disruption-events': disruptionEvents,
  '0022-second-factor': secondFactor,
  '0023-passkeys': passkeys,
  '0024-sso-links': ssoLinks,
  '0025-event-surveys': eventSurveys,
  '0026-event-requests-posture': eventRequestsPosture,
  '0027-request-read-indexes': requestReadIndexes,
  '0028-analysis-jobs': analysisJobs,
  '0029-request-state-index': requestStateIndex,
  '0030-federated-postures': federatedPostures,
  '0031-request-queue-index': requestQueueIndex,
  '0032-federation-refusals': federationRefusals,
  '0033-request-search-index': requestSearchIndex,
  '0034-request-queue-and-counts': requestQueueAndCounts,
  '0035-peer-submitted-requests': peerSubmittedRequests,
  '0036-partner-copy-step-sent': partnerCopyStepSent,
  '0037-registers-from-peers': registersFromPeers,
  '0038-spa-partner-version': spaPartnerVersion,
  '0039-groups-threads-from-peers': groupsThreadsFromPeers,
  '0040-logistics-from-peers': logisticsFromPeers,
  '0041-working-group-changes-sent': workingGroupChangesSent,
  '0042-logistics-claim-sent': logisticsClaimSent,
  '0043-partner-copy-step-sent-by': partnerCopyStepSentBy,
  '0045-session-change-notices': sessionChangeNotices,
  '0046-partner-attachments': partnerAttachments,
  '0047-partner-attachment-fetch': partnerAttachmentFetch,
  '0052-copy-contributions': copyContributions,
  '0054-copy-file-fetch': copyFileFetch,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Kysely's bookkeeping table of applied migrations (its default name). */
const MIGRATION_TABLE = 'kysely_migration';

export interface MigrationState {
  /** Migrations this code has that the database has not applied (a store at an older schema). */
  pending: string[];
  /** Migrations the database has applied that this code does not know (a newer release migrated it). */
  unknown: string[];
}

/**
 * Whether the database's schema is the one this code was written for (readiness, issue #16): the
 * server migrates when it starts, but a restore of an older backup, or another release on the
 * same PostgreSQL, can leave it behind or ahead while the process runs.
 */
export async function migrationState(db: Kysely<any>): Promise<MigrationState> {
  const { rows: exists } = await sql<{ present: boolean }>`select to_regclass(${MIGRATION_TABLE}) is not null as present`.execute(db);
  const applied = exists[0]?.present ? (await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db)).rows.map((r) => r.name) : [];
  const done = new Set(applied);
  return {
    pending: Object.keys(MIGRATIONS).filter((name) => !done.has(name)),
    unknown: applied.filter((name) => !(name in MIGRATIONS)).sort(),
  };
}
