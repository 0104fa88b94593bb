// `sosa login` and `sosa logout`: a person logs in once per server instead of copying a token
// out of a curl call; the commands that act through the API then use the stored token.
import type { Command } from 'commander';
import { AppError } from '../domain/errors.js';
import { serverUrl, typedCall } from './api-client.js';
import { forgetLogin, saveLogin, storedLogin } from './credentials.js';
import { ask, askHidden, readPasswordFromStdin } from './prompt.js';
import { listCell, roleLabel } from './words.js';

const urlOption = ['--url <url>', 'server URL (default SOSA_URL, else the server of your last login, else http://127.0.0.1:3000)'] as const;

export function registerLoginCommands(program: Command): void {
  program
    .command('login')
    .description('log in to a SOSA Desk server: asks for the password (not echoed), or reads it from standard input when that is not a terminal; keeps the token in your configuration folder (0600) for the other commands')
    .option(...urlOption)
    .option('--username <name>', 'your user name (asked when not given)')
    .option('--json', 'print who is logged in, where, and until when, as JSON (never the token)')
    .action(async (opts: { url?: string; username?: string; json?: boolean }) => {
      const url = serverUrl(opts.url);
      const interactive = Boolean(process.stdin.isTTY);
      const username = opts.username ?? (interactive ? await ask('Username: ') : '');
      if (!username) throw new AppError('VALIDATION_FAILED', { detail: 'Give --username (standard input carries only the password).' });
      const password = interactive ? await askHidden('Password: ') : await readPasswordFromStdin();
      if (!password) throw new AppError('VALIDATION_FAILED', { detail: 'No password: type it at the prompt, or pipe it on standard input.' });
      const answer = await typedCall({ url, token: '' }, (api) => api.POST('/session', { body: { username, password } }));
      let session: Exclude<typeof answer, { challenge: string }>;
      if ('challenge' in answer) {
        // A second factor (issue #16): the code of the authenticator app, or a recovery code.
        const code = interactive ? await ask('Code from your authenticator app (or a recovery code): ') : '';
        if (!code) throw new AppError('VALIDATION_FAILED', { detail: 'This account has a second factor: run `sosa login` in a terminal to type the code.' });
        const challenge = answer.challenge;
        session = await typedCall({ url, token: '' }, (api) => api.POST('/session/second-factor', { body: { challenge, code } }));
      } else session = answer;
      const path = saveLogin(url, { username: session.user.username, token: session.token, expiresAt: session.expiresAt, savedAt: new Date().toISOString() });
      const u = session.user;
      if (opts.json) {
        console.log(JSON.stringify({ url, username: u.username, displayName: u.displayName, nation: u.nation, organisation: u.organisation.name, roles: u.roles, expiresAt: session.expiresAt, tokenFile: path }, null, 2));
        return;
      }
      console.log(`Logged in to ${url} as ${u.username} (${u.displayName}, ${u.organisation.name}, ${u.nation}; roles: ${listCell(u.roles.map(roleLabel), 6)}).`);
      console.log(`The token is kept in ${path} until ${new Date(session.expiresAt).toLocaleString()}; \`sosa logout\` revokes it.`);
    });

  program
    .command('logout')
    .description('revoke the stored token on the server and delete it here')
    .option(...urlOption)
    .action(async (opts: { url?: string }) => {
      const url = serverUrl(opts.url);
      const stored = storedLogin(url);
      if (!stored) {
        console.log(`Not logged in to ${url}: nothing to do.`);
        return;
      }
      try {
        await typedCall({ url, token: stored.token }, (api) => api.DELETE('/session'));
      } catch (error) {
        // Expired or already revoked: the server no longer accepts it, which is what logout wants.
        const detail = error instanceof AppError ? (error.detail ?? '') : '';
        if (!/^401 /.test(detail)) {
          forgetLogin(url);
          console.error(`The server did not revoke the token (${detail || (error as Error).message}); it is deleted here and stops working on ${new Date(stored.expiresAt).toLocaleString()}.`);
          process.exitCode = 1;
          return;
        }
      }
      forgetLogin(url);
      console.log(`Logged out of ${url} (${stored.username}): the token is revoked and deleted.`);
    });
}
