// `sosa demo federation`: two sovereign instances on this machine (issue #13), the US and India,
// each its own `sosa serve` process, embedded data folder and signing key, peered with each other
// as their operators would do it with `sosa keys generate`, `sosa peer descriptor` and `sosa peer add`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';

const BIN = resolve(import.meta.dirname, '../../bin/sosa.js');
const NATIONS = [
  { nation: 'US', name: 'the US desk', signIns: 'us.sosa (SOSA officer), us.dod, us.commerce, us.supplier, us.auditor' },
  { nation: 'IN', name: 'the Indian desk', signIns: 'in.sosa (SOSA officer), in.supplier, in.auditor' },
] as const;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65_535) throw new InvalidArgumentError('a port number');
  return n;
}

/** Keys and peering, done once per folder: a second start finds them and goes straight on. */
async function prepare(dir: string, ports: Record<string, number>): Promise<void> {
  const { addPeer, checkPeerDescriptor, exportDescriptor, peeringContext, seedReferenceData, sequencePendingAudit, withCliStore } = await import('./federation-modules.js');
  const { generateSigningKey, listKeys } = await import('../services/federation/key-store.js');
  const { findPeer } = await import('../store/federation-peers.repository.js');
  const descriptors = new Map<string, string>();
  for (const { nation } of NATIONS) {
    const keys = join(dir, `${nation.toLowerCase()}-keys`);
    if ((await listKeys(keys)).length === 0) await generateSigningKey(keys, new Date());
    descriptors.set(nation, (await exportDescriptor({ nation, baseUrl: `http://127.0.0.1:${ports[nation]}`, arrangements: ['US-IN'], keyDir: keys, now: new Date() })).jws);
  }
  for (const { nation } of NATIONS) {
    const other = nation === 'US' ? 'IN' : 'US';
    await withCliStore({ data: join(dir, `${nation.toLowerCase()}-data`) }, async (store) => {
      await seedReferenceData(store.db);
      const known = await findPeer(store.db, other);
      // A known peer at another port (the demo restarted with other ports) takes the new address.
      if (!known || known.baseUrl !== `http://127.0.0.1:${ports[other]}`) {
        await addPeer({ ctx: peeringContext(store, nation, join(dir, `${nation.toLowerCase()}-keys`)), checked: await checkPeerDescriptor(descriptors.get(other)!, nation) });
        await sequencePendingAudit(store.db);
      }
    });
  }
}

function start(dir: string, nation: string, p: number): { child: ChildProcess; started: Promise<{ url: string; password: string }> } {
  const lower = nation.toLowerCase();
  const child = spawn(process.execPath, [BIN, 'serve', '--demo', '--demo-own-nation', '--no-demo-life', '--port', String(p), '--host', '127.0.0.1', '--data', join(dir, `${lower}-data`)], {
    env: { ...process.env, SOSA_NATION: nation, SOSA_KEY_DIR: join(dir, `${lower}-keys`), DATABASE_URL: '', SOSA_PUBLIC_URL: `http://127.0.0.1:${p}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<{ url: string; password: string }>((resolvePromise, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${nation}] ${line}\n`);
      const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolvePromise({ url, password: /Demo password[^\n]*/.exec(output)?.[0] ?? '' });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the ${nation} instance stopped (exit ${code}) before it started`)));
  });
  return { child, started };
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('demonstrations on this machine');
  demo
    .command('federation')
    .description('start a US and an Indian instance, each with its own data folder and key, peered, with demo users: a request stepped on one crosses to the other as a signed message')
    .option('--dir <dir>', 'where both instances keep their data folders and keys', './data-federation')
    .option('--us-port <port>', 'the US instance', port, 3000)
    .option('--in-port <port>', 'the Indian instance', port, 3001)
    .action(async (opts: { dir: string; usPort: number; inPort: number }) => {
      const dir = resolve(opts.dir);
      const ports: Record<string, number> = { US: opts.usPort, IN: opts.inPort };
      console.log(`${existsSync(dir) ? 'Reusing' : 'Creating'} ${dir} (a folder per instance and per key ring)…`);
      await prepare(dir, ports);
      const running = NATIONS.map((n) => ({ ...n, ...start(dir, n.nation, ports[n.nation]!) }));
      const stop = () => {
        for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGTERM');
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let urls: Array<{ url: string; password: string }>;
      try {
        urls = await Promise.all(running.map((r) => r.started));
      } catch (error) {
        stop();
        throw error;
      }
      console.log('\nTwo sovereign instances, peered for the US–India arrangement:');
      running.forEach((r, i) => {
        console.log(`  ${r.name} (${r.nation}): ${urls[i]!.url}`);
        console.log(`    sign in as ${r.signIns}`);
        if (urls[i]!.password) console.log(`    ${urls[i]!.password}`);
      });
      console.log(
        [
          '',
          'To see a request cross: on the Indian desk sign in as in.sosa and submit a request to the US; it',
          'shows as a partner copy, sent to the US desk. There, as us.sosa, acknowledge it: the Indian copy',
          'takes the US reference number and state, and the US request page shows "delivered to IN" once',
          'India signed its receipt; on the Indian desk, in.auditor finds federation.message_received in the audit log.',
          'Ctrl-C stops both.',
        ].join('\n'),
      );
      await Promise.all(running.map((r) => new Promise((done) => (r.child.exitCode !== null ? done(null) : r.child.once('exit', done)))));
    });
}
