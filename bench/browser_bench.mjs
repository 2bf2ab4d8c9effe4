// Contestant a in a browser: bench_engine.js in a Worker of headless Chromium,
// each workload in a fresh Worker, timing blocks of ≥ 100 ms (block_s is raised
// to 0.1 if lower: the browser's performance.now() is coarsened).
//   node bench/browser_bench.mjs WASM_JS OPTIONS_JSON WORKLOAD...
// Prints one JSON result line per workload.
import {chromium} from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startServer} from '../scripts/static-server.mjs';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

const [wasmJs, optionsJson, ...workloads] = process.argv.slice(2);
if (!wasmJs || !optionsJson || workloads.length === 0) {
  console.error('usage: node bench/browser_bench.mjs build/bench/wasm/bench_engine.js OPTIONS_JSON WORKLOAD...');
  process.exit(2);
}
const options = JSON.parse(optionsJson);
options.block_s = Math.max(0.1, options.block_s ?? 0.1);

// What the page needs, and nothing else, in its own folder.
const here = path.dirname(new URL(import.meta.url).pathname);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-bench-www-'));
for (const file of ['index.html', 'worker.js']) fs.copyFileSync(path.join(here, 'browser', file), path.join(root, file));
fs.copyFileSync(wasmJs, path.join(root, 'bench_engine.js'));

const server = await startServer({root, port: 0});
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-bench-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
});
let failed = false;
try {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error: ' + error.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
  for (const workload of workloads) {
    const result = await page.evaluate((o) => window.runInWorker(o), {...options, workload});
    console.log(JSON.stringify(result));
    failed ||= Boolean(result.error);
  }
} finally {
  await context.close();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(userDataDir, {recursive: true, force: true});
  fs.rmSync(root, {recursive: true, force: true});
}
process.exit(failed ? 1 : 0);
