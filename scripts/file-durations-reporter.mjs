// A node:test reporter that writes, as one JSON object, the time each test file's top-level tests
// took ({ "src/x.test.ts": ms }). run-tests.mjs prints the slowest files of each run from it, so
// a CI log says where its minutes went (CI may take 40 of them).
export default async function* fileDurations(source) {
  const perFile = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      perFile.set(event.data.file, (perFile.get(event.data.file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
  }
  yield `${JSON.stringify(Object.fromEntries(perFile))}\n`;
}
