// The tokens `sosa login` keeps, per server, in the user's configuration folder
// ($XDG_CONFIG_HOME/sosa-desk/credentials.json, else ~/.config/sosa-desk/credentials.json). The
// file is the user's alone (0600 in a 0700 folder), written whole or not at all, and a token is
// only ever sent to the server that issued it.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StoredLogin {
  username: string;
  token: string;
  expiresAt: string;
  savedAt: string;
}

interface CredentialsFile {
  /** The server of the last login: the default when neither --url nor SOSA_URL says otherwise. */
  current: string | null;
  servers: Record<string, StoredLogin>;
}

export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'sosa-desk', 'credentials.json');
}

/** One spelling per server, so a token is found again (and never sent elsewhere). */
export function normaliseServerUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function read(path = credentialsPath()): CredentialsFile {
  if (!existsSync(path)) return { current: null, servers: {} };
  if ((statSync(path).mode & 0o077) !== 0) {
    console.error(`sosa: ${path} can be read by other users; it holds login tokens. It is made private now (chmod 600).`);
    chmodSync(path, 0o600);
  }
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CredentialsFile>;
    return { current: parsed.current ?? null, servers: parsed.servers ?? {} };
  } catch {
    return { current: null, servers: {} };
  }
}

function write(file: CredentialsFile, path = credentialsPath()): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  // A private temporary file renamed over the old one: never readable by others, never half written.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function lastServer(): string | null {
  return read().current;
}

export function storedLogin(url: string): StoredLogin | null {
  return read().servers[normaliseServerUrl(url)] ?? null;
}

export function saveLogin(url: string, login: StoredLogin): string {
  const file = read();
  const key = normaliseServerUrl(url);
  file.servers[key] = login;
  file.current = key;
  write(file);
  return credentialsPath();
}

/** Forgets the server's token; the file goes when it holds no other server's. */
export function forgetLogin(url: string): void {
  const path = credentialsPath();
  const file = read(path);
  const key = normaliseServerUrl(url);
  delete file.servers[key];
  if (file.current === key) file.current = Object.keys(file.servers)[0] ?? null;
  if (Object.keys(file.servers).length === 0) rmSync(path, { force: true });
  else write(file, path);
}
