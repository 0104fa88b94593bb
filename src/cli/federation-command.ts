// `sosa keys …` and `sosa peer …`: an instance's signing keys and the partners it is peered
// with (issue #13). Keys live in SOSA_KEY_DIR, outside the database; peers are configuration,
// kept in the store and audited.
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { AppError } from '../domain/errors.js';
import type { Store } from '../store/database.js';
import { renderTable, type Column } from './table.js';

// Loaded by the command that runs (the key commands need no store): see main.ts.
const keyStore = async () => ({ ...(await import('../services/federation/key-store.js')), ...(await import('../domain/federation/read-descriptor.js')) });
const peering = () => import('./federation-modules.js');

const keysOption = () => new Option('--keys <dir>', 'the key folder (default SOSA_KEY_DIR, else <data folder>/keys)');
const dataOption = () => new Option('--data <dir>', 'embedded data folder (default ./data, or SOSA_DATA_DIR); ignored when DATABASE_URL is set');

function keyDir(opts: { keys?: string }): string {
  return opts.keys ?? loadConfig().keyDir;
}

/** A federated instance belongs to one nation; the peering commands need to know which. */
function ownNation(): string {
  const nation = loadConfig().nation;
  if (!nation) throw new AppError('CONFIG_INVALID', { detail: 'SOSA_NATION is not set: a peered instance belongs to one nation (e.g. SOSA_NATION=IN)' });
  return nation;
}

/**
 * Runs `work` on the store with its reference data (nations, arrangements), as `admin create`
 * opens it on a new instance, and closes the store after.
 */
async function withPeeringStore<T>(options: { data?: string | undefined }, work: (store: Store) => Promise<T>): Promise<T> {
  const { withCliStore, seedReferenceData } = await peering();
  return withCliStore(options, async (store) => {
    await seedReferenceData(store.db);
    return work(store);
  });
}

/**
 * A `sosa keys` command that changes the key folder (--keys): `change` gets the key-store module,
 * the folder and the command's argument, and answers the lines that tell the operator what to do next.
 */
function keyCommand(keys: Command, usage: string, description: string, change: (ks: Awaited<ReturnType<typeof keyStore>>, dir: string, argument?: string) => Promise<string[]>): void {
  keys
    .command(usage)
    .description(description)
    .addOption(keysOption())
    .action(async (...args: unknown[]) => {
      // Commander passes the argument (when the usage names one), then the options, then the command.
      const opts = args.at(-2) as { keys?: string };
      const argument = args.length > 2 ? (args[0] as string) : undefined;
      for (const line of await change(await keyStore(), keyDir(opts), argument)) console.log(line);
    });
}

/**
 * A `list` command: the rows as a table, the line `none` says when there are none, or with --json
 * the rows as JSON (`json` leaves out what a row holds only for the table or must not print).
 */
function listCommand<O extends object, R>(parent: Command, spec: {
  description: string;
  noun: string;
  /** Where the rows are read (--keys, --data). */
  source: Option;
  rows(opts: O): Promise<R[]>;
  json(row: R): unknown;
  none(opts: O): string;
  columns: ReadonlyArray<Column<R>>;
}): void {
  parent
    .command('list')
    .description(spec.description)
    .addOption(spec.source)
    .option('--json', `print the ${spec.noun} as JSON`)
    .action(async (opts: O & { json?: boolean }) => {
      const rows = await spec.rows(opts);
      if (opts.json) return console.log(JSON.stringify(rows.map(spec.json), null, 2));
      if (rows.length === 0) return console.log(spec.none(opts));
      console.log(renderTable(spec.columns, rows));
    });
}

/** What `peer add` says it queued: the count per kind, and who delivers it. */
function sharedLine(peer: string, replaced: boolean, shared: { total: number; byKind: Array<{ what: string; count: number }> }): string {
  if (replaced) return `Nothing queued: ${peer} was sent what exists when it was first added, and each change since as it happened.`;
  if (shared.total === 0) return `Nothing to share with ${peer} yet: each record its nation may read goes to it when it is made or changed.`;
  const kinds = shared.byKind.filter((k) => k.count > 0).map((k) => `${k.what}: ${k.count}`);
  return `Queued ${shared.total} ${shared.total === 1 ? 'record' : 'records'} to share with ${peer} (${kinds.join(', ')}): the running server delivers them, signed, once ${peer} has added this instance.`;
}

function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

export function registerFederationCommands(program: Command): void {
  const keys = program.command('keys').description("this instance's signing keys for messages to its peers (kept in SOSA_KEY_DIR, never in the database)");
  keyCommand(keys, 'generate', 'create the first signing key (Ed25519)', async ({ generateSigningKey, fingerprintOf }, dir) => {
    const key = await generateSigningKey(dir, new Date());
    return [
      `Created signing key ${fingerprintOf(key.kid)} in ${dir}.`,
      'Export the descriptor (`sosa peer descriptor`) and give it to each partner, and read the fingerprint to them over a channel you trust.',
    ];
  });
  keyCommand(keys, 'rotate', 'replace the active key; the old one is kept to verify what it signed', async ({ rotateSigningKey, fingerprintOf }, dir) => {
    const { active, retired } = await rotateSigningKey(dir, new Date());
    return [
      `Active key: ${fingerprintOf(active.kid)}; retired: ${fingerprintOf(retired.kid)}.`,
      'Send each partner the new descriptor (`sosa peer descriptor`): until they add it, they verify only what the old key signed.',
    ];
  });
  keyCommand(keys, 'remove <fingerprint>', 'remove a retired key (lost, leaked, or no longer needed); partners refuse what it signs once they take the next descriptor', async ({ removeRetiredKey, fingerprintOf }, dir, fingerprint) => {
    const removed = await removeRetiredKey(dir, fingerprint!.replace(/\s+/g, ''));
    return [
      `Removed key ${fingerprintOf(removed.kid)}.`,
      'Send each partner the new descriptor (`sosa peer descriptor`): once they add it, they refuse anything signed with the removed key.',
    ];
  });
  listCommand(keys, {
    description: 'the keys in the key folder',
    noun: 'keys',
    source: keysOption(),
    rows: async (opts: { keys?: string }) => {
      const { listKeys, fingerprintOf } = await keyStore();
      return (await listKeys(keyDir(opts))).map((k) => ({ ...k, fingerprint: fingerprintOf(k.kid) }));
    },
    json: ({ fingerprint: _, ...k }) => k,
    none: (opts) => `No signing key in ${keyDir(opts)}: run \`sosa keys generate\`.`,
    columns: [
      { header: 'Fingerprint', cell: (k) => k.fingerprint, max: 60 },
      { header: 'Status', cell: (k) => k.status },
      { header: 'Created', cell: (k) => k.createdAt },
      { header: 'Retired', cell: (k) => k.retiredAt ?? '' },
    ],
  });

  const peer = program.command('peer').description('the partner instances this one exchanges the shared record with (needs SOSA_NATION)');
  peer
    .command('descriptor')
    .description("this instance's descriptor, signed, for a partner's `sosa peer add`")
    .addOption(dataOption())
    .addOption(keysOption())
    .option('--base-url <url>', 'where partners reach this instance (default SOSA_PUBLIC_URL)')
    .option('--out <file>', 'write it to a file instead of standard output')
    .action(async (opts: { data?: string; keys?: string; baseUrl?: string; out?: string }) => {
      const nation = ownNation();
      const baseUrl = opts.baseUrl ?? loadConfig().publicUrl;
      if (!baseUrl) throw new AppError('CONFIG_INVALID', { detail: 'say where partners reach this instance: --base-url or SOSA_PUBLIC_URL' });
      const { exportDescriptor, listArrangementIds } = await peering();
      await withPeeringStore({ data: opts.data }, async (store) => {
        const { jws } = await exportDescriptor({ nation, baseUrl, arrangements: await listArrangementIds(store.db, nation), keyDir: keyDir(opts), now: new Date() });
        if (opts.out) writeFileSync(opts.out, `${jws}\n`);
        else console.log(jws);
      });
    });
  peer
    .command('add <file>')
    .description("trust a partner instance from its descriptor (a file, or - for standard input), and queue for it what exists that its nation may read; compare the fingerprint it prints with the partner's")
    .addOption(dataOption())
    .addOption(keysOption())
    .option('--replace-trust', "accept a descriptor that lists none of the peer's trusted keys (the partner lost them all); compare the fingerprint first")
    .option('--json', 'print the peer as JSON')
    .action(async (file: string, opts: { data?: string; keys?: string; json?: boolean; replaceTrust?: boolean }) => {
      const nation = ownNation();
      const { checkPeerDescriptor, addPeer, peeringContext, sequencePendingAudit } = await peering();
      const checked = await checkPeerDescriptor(readInput(file), nation);
      await withPeeringStore({ data: opts.data }, async (store) => {
        // Signed with this instance's key, as the server signs: what exists is queued for the new peer.
        const { peer: added, fingerprint, replaced, shared } = await addPeer({ ctx: peeringContext(store, nation, keyDir(opts)), checked, replaceTrust: opts.replaceTrust === true });
        // No server may be running to chain the audit event: the command chains its own.
        await sequencePendingAudit(store.db);
        if (opts.json) return console.log(JSON.stringify({ nation: added.nation, baseUrl: added.baseUrl, arrangements: added.arrangements, fingerprint, replaced, queued: shared.total, queuedByKind: Object.fromEntries(shared.byKind.map((k) => [k.what, k.count])) }, null, 2));
        console.log(`${replaced ? 'Updated' : 'Added'} peer ${added.nation} at ${added.baseUrl} for ${added.arrangements.join(', ')}.`);
        console.log(`Key fingerprint: ${fingerprint}`);
        console.log('Check it with the partner’s operator before any message is exchanged.');
        console.log(sharedLine(added.nation, replaced, shared));
      });
    });
  listCommand(peer, {
    description: 'the peers of this instance',
    noun: 'peers',
    source: dataOption(),
    rows: async (opts: { data?: string }) => {
      const { listPeers, outboundCountsByPeer } = await peering();
      return withPeeringStore({ data: opts.data }, async (store) => {
        const counts = await outboundCountsByPeer(store.db);
        // The queue towards each peer: a message the peer refused (signed) is counted apart, not pending.
        return (await listPeers(store.db)).map((p) => ({ ...p, messages: counts.get(p.nation) ?? { pending: 0, delivered: 0, refused: 0 } }));
      });
    },
    json: ({ descriptor: _, ...p }) => p,
    none: () => 'No peers: this instance exchanges nothing with another.',
    columns: [
      { header: 'Nation', cell: (p) => p.nation },
      { header: 'Address', cell: (p) => p.baseUrl },
      { header: 'Arrangements', cell: (p) => p.arrangements.join(', ') },
      { header: 'Fingerprint', cell: (p) => p.fingerprint, max: 60 },
      { header: 'Since', cell: (p) => p.addedAt.toISOString() },
      { header: 'Pending', cell: (p) => String(p.messages.pending) },
      { header: 'Delivered', cell: (p) => String(p.messages.delivered) },
      { header: 'Refused', cell: (p) => String(p.messages.refused) },
    ],
  });
  peer
    .command('remove <nation>')
    .description('end the peering: messages from that instance are refused from now on')
    .addOption(dataOption())
    .action(async (nation: string, opts: { data?: string }) => {
      const own = ownNation();
      const { removePeer, sequencePendingAudit } = await peering();
      await withPeeringStore({ data: opts.data }, async (store) => {
        await removePeer({ store, ownNation: own, peerNation: nation.toUpperCase() });
        await sequencePendingAudit(store.db);
        console.log(`Removed peer ${nation.toUpperCase()}.`);
      });
    });

  registerArrangementCommands(program);
}

/**
 * `sosa arrangement …`: the request paths of the arrangements (which nation may request from which,
 * by which workflow). The seed knows the US–India ones; a hub adds its other partners' paths on
 * every instance that takes part in them (issue #13). Configuration, kept in the store and audited.
 */
function registerArrangementCommands(program: Command): void {
  const arrangement = program.command('arrangement').description('the request paths of the SOSA arrangements (which nation may request from which, by which workflow)');
  listCommand(arrangement, {
    description: 'the request paths of every arrangement on this instance',
    noun: 'request paths',
    source: dataOption(),
    rows: async (opts: { data?: string }) => {
      const { listDirections } = await peering();
      return withPeeringStore({ data: opts.data }, (store) => listDirections(store.db));
    },
    json: (d) => d,
    none: () => 'No request paths: no nation may request from another on this instance yet (`sosa arrangement add-direction`).',
    columns: [
      { header: 'Arrangement', cell: (d) => d.arrangementId },
      { header: 'From', cell: (d) => d.fromNation },
      { header: 'To', cell: (d) => d.toNation },
      { header: 'Workflow', cell: (d) => d.workflowId },
      { header: 'Name', cell: (d) => d.arrangementName, max: 50 },
    ],
  });
  arrangement
    .command('add-direction <arrangement> <from> <to>')
    .description('let <from> request from <to> under <arrangement> (on every instance that takes part: the requester\'s and the holder\'s); audited')
    .addOption(dataOption())
    .option('--workflow <id>', 'the workflow such a request follows', 'dpas')
    .option('--json', 'print the path as JSON')
    .action(async (arrangementId: string, from: string, to: string, opts: { data?: string; workflow: string; json?: boolean }) => {
      const { addDirection, sequencePendingAudit } = await peering();
      const nation = loadConfig().nation ?? null;
      await withPeeringStore({ data: opts.data }, async (store) => {
        const { added, direction } = await addDirection(store.db, { arrangementId, fromNation: from, toNation: to, workflowId: opts.workflow }, { actor: 'cli', actorId: null, nation });
        // No server may be running to chain the audit event: the command chains its own.
        await sequencePendingAudit(store.db);
        if (opts.json) return console.log(JSON.stringify({ ...direction, added }, null, 2));
        const path = `${direction.fromNation} → ${direction.toNation} under ${direction.arrangementId} (workflow ${direction.workflowId})`;
        console.log(added ? `Added the request path ${path}.` : `The request path ${path} was already there: nothing changed.`);
      });
    });
}
