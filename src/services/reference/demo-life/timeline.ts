import type { DemoClock } from './demo-clock.js';

interface Waiter {
  at: number;
  order: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Runs several stories as one month: each story awaits `at(time)` before a step, and the timeline
 * lets the earliest waiting step go first, moving the clock to its time. So steps of different
 * stories interleave in time order, as they would have happened, and the one clock only moves
 * forward. Only one story runs at a time (the others wait on `at`), so steps never race.
 */
export class Timeline {
  private waiting: Waiter[] = [];
  private running = 0;
  private order = 0;
  private failure: Error | null = null;

  constructor(private readonly clock: DemoClock) {}

  at(time: Date): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    // A story's own steps come in time order; one that goes back is a mistake in the story.
    if (time.getTime() < this.clock.now().getTime() - 60_000) return Promise.reject(new Error(`demo life: a step at ${time.toISOString()} comes after one at ${this.clock.now().toISOString()}`));
    return new Promise((resolve, reject) => {
      this.waiting.push({ at: time.getTime(), order: this.order++, resolve, reject });
      this.running--;
      this.releaseNext();
    });
  }

  /** Runs every story to its end; `onFinished` is told of each as it ends. The first failure stops them all. */
  async run<S>(stories: readonly S[], play: (story: S) => Promise<void>, onFinished: (story: S) => void): Promise<void> {
    this.running = stories.length;
    const results = await Promise.allSettled(
      stories.map(async (story) => {
        try {
          await play(story);
          onFinished(story);
        } catch (error) {
          this.fail(error instanceof Error ? error : new Error(String(error)));
          throw error;
        } finally {
          this.running--;
          this.releaseNext();
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && r.reason !== this.aborted);
    if (failed) throw failed.reason;
    if (this.failure) throw this.failure;
  }

  private readonly aborted = new Error('demo life stopped: another story failed');

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const w of this.waiting.splice(0)) w.reject(this.aborted);
  }

  private releaseNext(): void {
    if (this.running > 0 || this.waiting.length === 0 || this.failure) return;
    this.waiting.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = this.waiting.shift()!;
    this.clock.moveTo(new Date(next.at));
    this.running++;
    next.resolve();
  }
}
