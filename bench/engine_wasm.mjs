// Contestants a and b: the engine's wasm build (bench_engine.js) under node.
//   node --no-experimental-fetch bench/engine_wasm.mjs WASM_JS OPTIONS_JSON
// OPTIONS_JSON as for bench_run (bench/engine_bench.h); "backend" picks the
// __wasmsimd kernels (a) or the scalar __ref kernels (b) of the same binary.
// Prints one JSON result line.
import {createRequire} from 'node:module';
import path from 'node:path';

const [wasmJs, optionsJson] = process.argv.slice(2);
if (!wasmJs || !optionsJson) {
  console.error('usage: node bench/engine_wasm.mjs build/bench/wasm/bench_engine.js OPTIONS_JSON');
  process.exit(2);
}
const createBenchEngine = createRequire(import.meta.url)(path.resolve(wasmJs));
const engine = await createBenchEngine();
const result = JSON.parse(engine.ccall('bench_run', 'string', ['string'], [optionsJson]));
result.runtime = `node ${process.version} (V8 ${process.versions.v8})`;
console.log(JSON.stringify(result));
process.exit(result.error ? 1 : 0);
