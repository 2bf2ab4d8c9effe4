// Runs the engine's harness (bench/engine_bench.cpp) inside a Worker: the same
// bench_engine.js as under node (built with -sENVIRONMENT=node,worker).
importScripts('bench_engine.js');
onmessage = async (event) => {
  const engine = await createBenchEngine();
  const result = JSON.parse(engine.ccall('bench_run', 'string', ['string'], [JSON.stringify(event.data)]));
  result.runtime = navigator.userAgent.match(/(HeadlessChrome|Chrome)\/[\d.]+/)[0] + ' (Worker)';
  postMessage(result);
};
