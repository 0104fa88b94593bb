/**
 * Login rate limiting: after `perUser` failed logins for one username, or `perAddress` from one
 * client address (an office behind one NAT makes more honest mistakes than one person), within
 * the window, further attempts are refused until the window passes. In memory, per process.
 */
export class LoginThrottle {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly limits = { perUser: 5, perAddress: 30 },
    private readonly windowMs = 15 * 60_000,
  ) {}

  private keys(username: string, address: string): Array<[string, number]> {
    return [
      [`user:${username}`, this.limits.perUser],
      [`addr:${address}`, this.limits.perAddress],
    ];
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Seconds to wait before another attempt, or 0 when one is allowed. */
  retryAfterSeconds(username: string, address: string, now = Date.now()): number {
    let wait = 0;
    for (const [key, max] of this.keys(username, address)) {
      const times = this.recent(key, now);
      if (times.length >= max) wait = Math.max(wait, Math.ceil((times[times.length - max]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  recordFailure(username: string, address: string, now = Date.now()): void {
    for (const [key] of this.keys(username, address)) this.failures.set(key, [...this.recent(key, now), now]);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username}`);
  }
}
