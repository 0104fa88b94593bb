import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffSeconds, LOGIN_BACKOFF } from './login-backoff.js';
import { passwordProblem } from './password-policy.js';
import { rolesConflict } from './separation-of-duties.js';

describe('passwords per NIST SP 800-63B §3.1.1.2 (#10.10)', () => {
  it('refuses short, common, common-with-digits, repetitive, sequential and username-based passwords, and says why', () => {
    const refused: Array<[string, string | undefined, RegExp]> = [
      ['short-1', undefined, /at least 12/],
      ['aaaaaaaaaaaa', undefined, /repetitive/],
      ['abcabcabcabc', undefined, /repetitive/],
      ['password1234', undefined, /common/],
      ['!!iloveyou2025', undefined, /common password with digits/],
      ['abcdefghijklm', undefined, /sequence/],
      ['zyxwvutsrqpo', undefined, /sequence/],
      ['us.analyst12', 'us.analyst', /username/],
      ['my-USANALYST-pass', 'us.analyst', /username/],
      ['sosadesk-rocks-2026', undefined, /name of this service/],
    ];
    for (const [password, username, why] of refused) {
      const problem = passwordProblem(password, { username });
      assert.ok(problem, password);
      assert.match(problem, why, password);
      assert.ok(!problem.includes(password), 'the message never echoes the password');
    }
  });

  it('accepts long passphrases and random strings, with no composition rule', () => {
    for (const password of ['Tarmac-lantern-91-quiet', 'harbour kettle violet seven', 'x7Qp-2mRt-Lk9w', 'ÉtéÀParis2026!'] ) assert.equal(passwordProblem(password, { username: 'in.sosa' }), null, password);
  });
});

describe('separation of duties (#10.7)', () => {
  it('the auditor role excludes admin and the officer roles; reading roles do not conflict', () => {
    for (const other of ['admin', 'sosa_officer', 'program_determination', 'rating_authority']) assert.equal(rolesConflict(['auditor', other])?.field, 'roles', other);
    assert.equal(rolesConflict(['auditor', 'analyst']), null);
    assert.equal(rolesConflict(['admin', 'sosa_officer']), null);
  });
});

describe('login backoff (#10.3)', () => {
  it('a few free failures, then a wait that doubles up to a ceiling', () => {
    const waits = Array.from({ length: 16 }, (_, i) => backoffSeconds(LOGIN_BACKOFF.pair, i + 1));
    assert.deepEqual(waits.slice(0, 4), [0, 0, 0, 0]);
    assert.deepEqual(waits.slice(4, 9), [2, 4, 8, 16, 32]);
    assert.equal(Math.max(...waits), LOGIN_BACKOFF.pair.maxSeconds);
  });
});
