// Worker-thread entry for piscina: loads the TypeScript task through tsx. Loader hooks of the
// parent (`node --import tsx`, or tsx registered in-process by bin/sosa.js) do not reach worker
// threads on Node 20, so register tsx here.
import { register } from 'tsx/esm/api';

register();
const task = await import('./lp-worker.ts');
export default task.default;
