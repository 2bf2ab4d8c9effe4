// Runs every tests/browser/*.test.mjs. Each file exports `tests`: [{name, run(harness)}].
// Prints one line per test and a closing "browser: N passed, M failed"; exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import {startHarness, ROOT} from './harness.mjs';

const only = process.argv[2] ? new RegExp(process.argv[2]) : null;
const dir = path.join(ROOT, 'tests', 'browser');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort();

const harness = await startHarness();
let passed = 0, failed = 0;
for (const file of files) {
  const {tests} = await import(path.join(dir, file));
  for (const test of tests) {
    const name = `${file.replace('.test.mjs', '')}: ${test.name}`;
    if (only && !only.test(name)) continue;
    const started = Date.now();
    try {
      await test.run(harness);
      passed++;
      console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name}: ${error && error.stack || error}`);
    }
  }
}
await harness.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
