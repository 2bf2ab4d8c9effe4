// Contestant g: a per-sample training loop in the style of TensorFlow
// Playground's nn.ts (written here, not copied): an object per node and per
// link, float64 numbers, forwardProp / backProp per sample, updateWeights
// after every batch_size samples with the accumulated, averaged derivatives.
// Playground workload only (tanh hidden and output, half_mse = Playground's SQUARE).
//   node bench/peers/playground_loop.mjs --workload playground --data DIR ...
import {loadWorkload, measure, parseArgs, report} from './harness.mjs';

const Activations = {
  TANH: {output: (x) => Math.tanh(x), der: (x) => { const output = Math.tanh(x); return 1 - output * output; }},
  LINEAR: {output: (x) => x, der: () => 1},
};
const Errors = {
  SQUARE: {error: (output, target) => 0.5 * Math.pow(output - target, 2), der: (output, target) => output - target},
};

class Node {
  constructor(id, activation) {
    this.id = id;
    this.inputLinks = [];
    this.bias = 0.1;
    this.outputs = [];
    this.totalInput = 0;
    this.output = 0;
    this.outputDer = 0;      // ∂E/∂output
    this.inputDer = 0;       // ∂E/∂totalInput
    this.accInputDer = 0;    // Σ over the batch, for the bias
    this.numAccumulatedDers = 0;
    this.activation = activation;
  }
  updateOutput() {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

class Link {
  constructor(source, dest, weight) {
    this.id = source.id + '-' + dest.id;
    this.source = source;
    this.dest = dest;
    this.weight = weight;
    this.errorDer = 0;
    this.accErrorDer = 0;
    this.numAccumulatedDers = 0;
  }
}

// network[0] are the inputs; weights[j][i] of MODEL.json is the link i → j.
function buildNetwork(model) {
  const network = [[]];
  for (let i = 0; i < model.inputs; i++) network[0].push(new Node('x' + i, Activations.LINEAR));
  model.layers.forEach((layer, l) => {
    const previous = network[network.length - 1];
    const current = [];
    for (let j = 0; j < layer.units; j++) {
      const node = new Node(`${l + 1}_${j}`, Activations[layer.activation.toUpperCase()]);
      node.bias = layer.biases[j];
      for (let i = 0; i < previous.length; i++) {
        const link = new Link(previous[i], node, layer.weights[j][i]);
        previous[i].outputs.push(link);
        node.inputLinks.push(link);
      }
      current.push(node);
    }
    network.push(current);
  });
  return network;
}

function forwardProp(network, inputs) {
  const inputLayer = network[0];
  for (let i = 0; i < inputLayer.length; i++) inputLayer[i].output = inputs[i];
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) currentLayer[i].updateOutput();
  }
  return network[network.length - 1][0].output;
}

function backProp(network, target, errorFunc) {
  const outputNode = network[network.length - 1][0];
  outputNode.outputDer = errorFunc.der(outputNode.output, target);
  for (let layerIdx = network.length - 1; layerIdx >= 1; layerIdx--) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        link.errorDer = node.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (layerIdx === 1) continue;
    const prevLayer = network[layerIdx - 1];
    for (let i = 0; i < prevLayer.length; i++) {
      const node = prevLayer[i];
      node.outputDer = 0;
      for (let j = 0; j < node.outputs.length; j++) {
        const output = node.outputs[j];
        node.outputDer += output.weight * output.dest.inputDer;
      }
    }
  }
}

function updateWeights(network, learningRate) {
  for (let layerIdx = 1; layerIdx < network.length; layerIdx++) {
    const currentLayer = network[layerIdx];
    for (let i = 0; i < currentLayer.length; i++) {
      const node = currentLayer[i];
      if (node.numAccumulatedDers > 0) {
        node.bias -= learningRate * node.accInputDer / node.numAccumulatedDers;
        node.accInputDer = 0;
        node.numAccumulatedDers = 0;
      }
      for (let j = 0; j < node.inputLinks.length; j++) {
        const link = node.inputLinks[j];
        if (link.numAccumulatedDers > 0) {
          link.weight = link.weight - (learningRate / link.numAccumulatedDers) * link.accErrorDer;
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

const options = parseArgs(process.argv.slice(2));
const w = loadWorkload(options.data, options.workload);
if (w.outputs !== 1 || w.loss !== 'half_mse') throw new Error('the Playground-style loop runs the playground workload only');
// Playground's points: {x, y, label} in float64.
const points = [];
for (let s = 0; s < w.samples; s++) points.push({x: w.x[2 * s], y: w.x[2 * s + 1], label: w.targets[s]});
const network = buildNetwork(w.model);

const trainer = {
  epoch() {  // Playground's oneStep()
    points.forEach((point, i) => {
      forwardProp(network, [point.x, point.y]);
      backProp(network, point.label, Errors.SQUARE);
      if ((i + 1) % w.batch === 0) updateWeights(network, w.learning_rate);
    });
    if (points.length % w.batch !== 0) updateWeights(network, w.learning_rate);
  },
  meanLoss() {  // Playground's getLoss()
    let loss = 0;
    for (const point of points) loss += Errors.SQUARE.error(forwardProp(network, [point.x, point.y]), point.label);
    return loss / points.length;
  },
  sync() {},
};

const result = measure(trainer, options);
report({
  workload: w.workload, contestant: options.contestant,
  implementation: 'Playground-style JS loop (nn.ts objects per node/link, per sample)',
  backend: 'plain JS objects, float64', simd: 'none', threads: 1,
  samples_per_epoch: w.samples, flops_per_sample: w.flops_per_sample, ...result,
});
