import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { closeLpWorkerPools, sharedLpPool } from './lp-worker-pool.js';

after(closeLpWorkerPools);

// Seen in CI (the events route test, 3 runs in 6): the app closed the pool while a disruption
// impact was being computed; the ended worker's answer arrived after piscina had dropped the task,
// piscina emitted 'error' on the pool, and with no listener that ended the test process.
it("an ended worker's late answer is dropped instead of ending the process", async () => {
  const pool = await sharedLpPool(1);
  assert.doesNotThrow(() => pool.emit('error', new Error('Unexpected message from Worker: { taskId: 9, result: { outcomes: [ null ] } }')));
});

it('any other pool error still reaches the process', async () => {
  const pool = await sharedLpPool(1);
  const reached = new Promise<Error>((resolve) => {
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.once('uncaughtException', (error) => {
      for (const listener of listeners) process.on('uncaughtException', listener);
      resolve(error);
    });
  });
  pool.emit('error', new Error('worker failed to start'));
  assert.equal((await reached).message, 'worker failed to start');
});
