// Where contestant a spends its time: runs bench_run in this process under
// V8's sampling profiler and prints self time per function (kernels, engine
// code, libc), for a bench_engine.js linked with --profiling-funcs so the wasm
// functions keep their names (./scripts/bench --profile builds and runs it).
//   node --no-experimental-fetch bench/profile_wasm.mjs WASM_JS OPTIONS_JSON [TOP]
import {createRequire} from 'node:module';
import inspector from 'node:inspector';
import path from 'node:path';

const [wasmJs, optionsJson, top = '20'] = process.argv.slice(2);
const createBenchEngine = createRequire(import.meta.url)(path.resolve(wasmJs));
const engine = await createBenchEngine();

const session = new inspector.Session();
session.connect();
const post = (method, params) => new Promise((resolve, reject) =>
  session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', {interval: 100});  // µs
await post('Profiler.start');
const result = JSON.parse(engine.ccall('bench_run', 'string', ['string'], [optionsJson]));
const {profile} = await post('Profiler.stop');

// Self time per function name, from the sample counts.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
for (const id of profile.samples) {
  const name = byId.get(id).callFrame.functionName || '(anonymous)';
  hits.set(name, (hits.get(name) || 0) + 1);
}
const total = profile.samples.length;
const demangle = (name) => name.replace(/^\$/, '');
console.log(`${result.workload}, backend ${result.backend}: ${total} samples, self time per function`);
const ranked = [...hits].sort((x, y) => y[1] - x[1]).slice(0, Number(top));
for (const [name, count] of ranked) {
  console.log(`${(100 * count / total).toFixed(1).padStart(5)}%  ${demangle(name)}`);
}

// libc helpers (memcpy, memset, pow, ...) say little on their own: who calls them.
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children || []) parent.set(child, node);
const helper = /^\$?(__memcpy|memcpy|memset|pow|__math_xflow|expf|logf)$/;
for (const [name, count] of ranked.filter(([n, c]) => helper.test(n) && c / total >= 0.005)) {
  const callers = new Map();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (node.callFrame.functionName !== name) continue;
    const caller = parent.get(id)?.callFrame.functionName || '(root)';
    callers.set(caller, (callers.get(caller) || 0) + 1);
  }
  const list = [...callers].sort((x, y) => y[1] - x[1]).slice(0, 3)
    .map(([c, n]) => `${demangle(c).replace(/\(.*$/, '')} ${(100 * n / count).toFixed(0)}%`);
  console.log(`        ${demangle(name)} is called from: ${list.join(', ')}`);
}
