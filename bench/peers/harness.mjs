// The measuring method of bench/engine_bench.cpp, for the JS contestants: the
// same options, phases and result fields, so the report treats all alike.
//   check    from the exported initial weights, check_epochs epochs, then the
//            mean loss over the training set (final_loss)
//   warm-up  epochs until warmup_s seconds have passed
//   blocks   reps timed blocks of N epochs, N chosen so a block lasts ≥ block_s
import fs from 'node:fs';
import path from 'node:path';

// Command line: --workload NAME --data DIR [--reps N] [--warmup_s S] [--block_s S]
//               [--check_epochs N] [--contestant LABEL] and contestant-specific --key value.
export function parseArgs(argv) {
  const options = {reps: 5, warmup_s: 1, block_s: 0.1, check_epochs: 2, contestant: ''};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    options[key] = value !== undefined && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
  }
  if (!options.workload || !options.data) throw new Error('--workload and --data are required');
  return options;
}

// What bench_engine --export wrote: the description (with the initial weights
// as MODEL.json) and the row-major float32 inputs and targets.
export function loadWorkload(dir, name) {
  const read = (suffix) => fs.readFileSync(path.join(dir, name + suffix));
  const description = JSON.parse(read('.json').toString());
  const floats = (buffer) => new Float32Array(buffer.buffer, buffer.byteOffset, buffer.byteLength / 4);
  return {...description, x: floats(read('.x.f32')), targets: floats(read('.t.f32'))};
}

// trainer: {epoch(): void, meanLoss(): number, sync(): void (waits for queued work)}.
export function measure(trainer, options) {
  const initialLoss = trainer.meanLoss();
  for (let e = 0; e < options.check_epochs; ++e) trainer.epoch();
  const finalLoss = trainer.meanLoss();

  let warmupEpochs = 0;
  const warmupStart = performance.now();
  let warmupElapsed = 0;
  while (warmupEpochs === 0 || warmupElapsed < options.warmup_s) {
    trainer.epoch();
    trainer.sync();
    ++warmupEpochs;
    warmupElapsed = (performance.now() - warmupStart) / 1000;
  }
  const epochsPerBlock = Math.max(1, Math.ceil(options.block_s / (warmupElapsed / warmupEpochs)));

  const epochSeconds = [];
  for (let r = 0; r < options.reps; ++r) {
    const start = performance.now();
    for (let e = 0; e < epochsPerBlock; ++e) trainer.epoch();
    trainer.sync();
    epochSeconds.push((performance.now() - start) / 1000 / epochsPerBlock);
  }
  const finite = Number.isFinite(trainer.meanLoss());
  return {
    check_epochs: options.check_epochs, initial_loss: initialLoss, final_loss: finalLoss,
    warmup_s: warmupElapsed, warmup_epochs: warmupEpochs, epochs_per_block: epochsPerBlock,
    epoch_seconds: epochSeconds, finite,
  };
}

// Prints the result line the report reads; exits non-zero on an error.
export function report(fields) {
  console.log(JSON.stringify({...fields, runtime: `node ${process.version} (V8 ${process.versions.v8})`}));
}
