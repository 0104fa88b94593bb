/**
 * How a long-running command (`sosa serve`, `sosa worker`) ends: the first SIGINT or SIGTERM runs
 * its graceful stop and exits 0 when it is done (1 if it failed); a second signal meanwhile exits
 * at once with 1, for an operator who will not wait.
 */
export function stopOnSignals(what: { name: string; stopping: string; stop(): Promise<void> }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: ${what.stopping}…`);
    what.stop().then(
      () => {
        console.log(`${what.name} stopped.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`sosa: ${what.name} shutdown failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
