// Contestants e and f: TensorFlow.js in node, a hand-written training loop
// (no tf.layers), one optimizer.minimize per batch under tf.tidy, the batches
// sliced once up front, no per-step dataSync (one sync per timed block).
//   node --no-experimental-fetch bench/peers/tfjs.mjs --backend wasm|cpu --workload NAME --data DIR ...
// wasm: @tensorflow/tfjs-backend-wasm with SIMD, one thread (the non-threaded
// SIMD binary); cpu: @tensorflow/tfjs-backend-cpu (plain JS kernels).
// @tensorflow/tfjs is loaded for the gradients (the node build of tfjs-core has none).
import {createRequire} from 'node:module';
import path from 'node:path';
import {loadWorkload, measure, parseArgs, report} from './harness.mjs';

const require = createRequire(import.meta.url);
const options = parseArgs(process.argv.slice(2));
const tf = require('@tensorflow/tfjs');
const version = require('@tensorflow/tfjs-core/package.json').version;

let backendNote;
if (options.backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')) + '/');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);  // the single-threaded binary
  wasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend did not initialise');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  backendNote = {backend: `tfjs-backend-wasm ${version} (${simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm'}, XNNPACK)`,
                 simd: simd ? 'wasm simd128 on' : 'OFF', threads: wasm.getThreadsCount()};
} else if (options.backend === 'cpu') {
  require('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend did not initialise');
  backendNote = {backend: `tfjs-backend-cpu ${version} (JS kernels)`, simd: 'none (plain JS)', threads: 1};
} else {
  throw new Error('--backend must be wasm or cpu');
}

const w = loadWorkload(options.data, options.workload);
const activations = {tanh: tf.tanh, relu: tf.relu, linear: (z) => z, softmax: (z) => z /* in the loss */};

// Our MODEL.json keeps W as [units_out × units_in]; tf wants x·W with W [in × out].
const params = w.model.layers.map((layer) => ({
  weights: tf.variable(tf.tensor2d(layer.weights).transpose()),
  biases: tf.variable(tf.tensor1d(layer.biases)),
  activation: activations[layer.activation],
}));
const variables = params.flatMap((p) => [p.weights, p.biases]);

function output(x) {
  let a = x;
  for (const p of params) a = p.activation(tf.add(tf.matMul(a, p.weights), p.biases));
  return a;  // softmax_ce: the logits
}
// The batch mean of ℓ: half_mse ½‖o − t‖², softmax_ce −Σ t log softmax(z).
function meanLoss(x, t) {
  const o = output(x);
  if (w.loss === 'softmax_ce') return tf.losses.softmaxCrossEntropy(t, o);
  return tf.div(tf.mul(0.5, tf.sum(tf.square(tf.sub(o, t)))), x.shape[0]);
}

const xAll = tf.tensor2d(w.x, [w.samples, w.inputs]);
const tAll = tf.tensor2d(w.targets, [w.samples, w.outputs]);
const batches = [];
for (let first = 0; first < w.samples; first += w.batch) {
  const size = Math.min(w.batch, w.samples - first);
  batches.push([xAll.slice([first, 0], [size, w.inputs]), tAll.slice([first, 0], [size, w.outputs])]);
}
const optimizer = tf.train.sgd(w.learning_rate);

const trainer = {
  epoch() {
    for (const [x, t] of batches) tf.tidy(() => { optimizer.minimize(() => meanLoss(x, t), false, variables); });
  },
  meanLoss() { return tf.tidy(() => meanLoss(xAll, tAll).dataSync()[0]); },
  sync() { params[0].biases.dataSync(); },
};

const result = measure(trainer, options);
const tensorsAfter = tf.memory().numTensors;
report({
  workload: w.workload, contestant: options.contestant,
  implementation: `TensorFlow.js ${version}, custom loop (tf.train.sgd minimize under tf.tidy)`,
  ...backendNote, samples_per_epoch: w.samples, flops_per_sample: w.flops_per_sample, ...result,
  live_tensors: tensorsAfter,
});
