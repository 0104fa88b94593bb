// `sosa audit checkpoint` and the report of `sosa audit verify --peer-checkpoints` (issue #13,
// "Evidence"): signed checkpoints of the audit chain exchanged with the peers.
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { PeerCheckpointVerdict } from '../services/audit/verify-peer-checkpoints.js';

const dataOption = () => new Option('--data <dir>', 'embedded data folder (default ./data, or SOSA_DATA_DIR); ignored when DATABASE_URL is set');

/** Checkpoints belong to a sovereign instance: the commands need its nation. */
export function checkpointNation(): string {
  const nation = loadConfig().nation;
  if (!nation) throw new AppError('CONFIG_INVALID', { detail: 'SOSA_NATION is not set: audit checkpoints are exchanged between the sovereign instances of peered nations' });
  return nation;
}

/** What the peer-checkpoint half of a verification says: a summary on stdout, each problem on stderr. */
export function reportPeerCheckpoints(v: PeerCheckpointVerdict): void {
  const received = v.sent.filter((s) => s.receipt === 'received').length;
  const peers = [...new Set(v.held.map((h) => h.peer))];
  for (const note of v.notes) console.log(`Note: ${note}.`);
  if (!v.ok) {
    for (const p of v.problems) console.error(`Peer checkpoint FAILED${p.position !== null ? ` at position ${p.position}` : ''} (${p.side === 'own' ? `this instance's log, checkpoint sent to ${p.peer}` : `checkpoints held from ${p.peer}`}): ${p.problem}`);
    process.exitCode = 1;
    return;
  }
  const sent = v.sent.length ? `${v.sent.length} sent (${received} with the peer's signed receipt), each still in this chain` : 'none sent yet';
  const held = v.held.length ? `${v.held.length} held from ${peers.join(', ')}, consistent` : 'none held from peers';
  console.log(`Peer checkpoints: ${sent}; ${held}.`);
}

export function registerAuditCheckpointCommand(audit: Command): void {
  audit
    .command('checkpoint')
    .description("send each peer a signed checkpoint of this audit chain's head now (the server also sends one a day); each peer keeps it as evidence and answers with a signed receipt")
    .addOption(dataOption())
    .option('--peer <nation>', 'only to this peer')
    .option('--no-deliver', 'only queue it: the running server delivers it')
    .option('--json', 'print what was sent as JSON')
    .action(async (opts: { data?: string; peer?: string; deliver: boolean; json?: boolean }) => {
      checkpointNation();
      const [{ withCliStore }, { createContext }, { createLogger }, { sendAuditCheckpoints }, { deliverToPeer }, { sequencePendingAudit }] = await Promise.all([
        import('./open-store-for-cli.js'),
        import('../services/context.js'),
        import('../logger.js'),
        import('../services/audit/send-audit-checkpoints.js'),
        import('../services/federation/message-sender.js'),
        import('../store/audit.repository.js'),
      ]);
      await withCliStore({ data: opts.data }, async (store) => {
        const ctx = createContext(store, loadConfig(), createLogger('silent'));
        const sent = await sendAuditCheckpoints(ctx, opts.peer ? { peers: [opts.peer.toUpperCase()] } : {});
        const delivery = new Map<string, string | null>();
        if (opts.deliver) {
          for (const s of sent) delivery.set(s.peer, (await deliverToPeer(ctx, s.peer, { ignoreSchedule: true })).blocked);
        }
        // No server may be running to chain this command's own audit events.
        await sequencePendingAudit(store.db);
        if (opts.json) return console.log(JSON.stringify(sent.map((s) => ({ ...s, delivered: opts.deliver ? delivery.get(s.peer) === null : null, blocked: delivery.get(s.peer) ?? null })), null, 2));
        if (sent.length === 0) return console.log(opts.peer ? `${opts.peer.toUpperCase()} is not a peer of this instance: no checkpoint sent.` : 'No peers: no checkpoint sent.');
        for (const s of sent) {
          const blocked = delivery.get(s.peer);
          const state = !opts.deliver ? 'queued for the server to deliver' : blocked === null ? 'delivered, signed receipt kept' : `queued (not delivered yet: ${blocked})`;
          console.log(`Checkpoint ${s.seq}:${s.hash} to ${s.peer}: ${state}.`);
        }
      });
    });
}
