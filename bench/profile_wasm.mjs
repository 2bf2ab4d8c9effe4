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
for (const [name, count] of [...hits].sort((x, y) => y[1] - x[1]).slice(0, Number(top))) {
  console.log(`${(100 * count / total).toFixed(1).padStart(5)}%  ${demangle(name)}`);
}
