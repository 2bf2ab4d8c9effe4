// Turns the contestants' result lines into the table (stdout, markdown) and
// build/bench/results.json, with ratios against contestant a (the engine's
// wasm SIMD build under node), the loss check and the targets.
//   node bench/report.mjs RAW_JSONL RUN_INFO_JSON OUT_DIR
import fs from 'node:fs';
import path from 'node:path';

const [rawFile, infoFile, outDir] = process.argv.slice(2);
const info = JSON.parse(fs.readFileSync(infoFile, 'utf8'));
const lines_in = fs.readFileSync(rawFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
// One entry per (workload, contestant): the blocks of every round pooled, the
// loss check from the round that ran it (check_epochs > 0).
const raw = [];
for (const r of lines_in) {
  const same = raw.find((p) => p.workload === r.workload && p.contestant === r.contestant);
  if (!same) { raw.push({...r, epoch_seconds: [...(r.epoch_seconds || [])], rounds: 1}); continue; }
  if (r.error) { same.error = r.error; continue; }
  same.epoch_seconds.push(...r.epoch_seconds);
  same.rounds += 1;
  same.finite = same.finite !== false && r.finite !== false;
  if ((r.check_epochs || 0) > (same.check_epochs || 0)) {
    Object.assign(same, {check_epochs: r.check_epochs, initial_loss: r.initial_loss, final_loss: r.final_loss});
  }
}

// Final losses must agree with a's to this relative tolerance: float32 summation
// order moves them by ~1e-7; one SGD step fewer moves them by ~1e-3.
const LOSS_TOLERANCE = 1e-4;

// Targets: contestant → minimum of (its median epoch time / a's), per workload.
const TARGETS = {
  e: {playground: 50, mnist: 3, what: 'TF.js wasm'},
  f: {playground: 10, mnist: 10, what: 'TF.js cpu'},
  g: {playground: 10, what: 'Playground-style loop'},
  c: {playground: 1 / 3, mnist: 1 / 3, what: 'a within 3× of native -march=native'},
  d: {playground: 1 / 1.5, mnist: 1 / 1.5, what: 'a within 1.5× of native SSE4.2'},
};

const NAMES = {
  'a': 'engine, wasm SIMD kernels, node',
  'a-chromium': 'engine, wasm SIMD kernels, Chromium Worker',
  'b': 'engine, same wasm, reference kernels, node',
  'c': 'engine, native -O3 -march=native',
  'd': 'engine, native -O3 -msse4.2 -mno-avx -mno-fma',
  'e': 'TF.js wasm backend (SIMD, 1 thread), node',
  'f': 'TF.js cpu backend, node',
  'g': 'Playground-style JS loop (float64), node',
};

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rows = raw.filter((r) => !r.error).map((r) => {
  const median_s = median(r.epoch_seconds);
  const samples_per_s = r.samples_per_epoch / median_s;
  return {
    workload: r.workload, contestant: r.contestant, name: NAMES[r.contestant] || r.contestant,
    samples_per_s, gflops: samples_per_s * r.flops_per_sample / 1e9,
    median_s, min_s: Math.min(...r.epoch_seconds), max_s: Math.max(...r.epoch_seconds),
    final_loss: r.final_loss, reps: r.epoch_seconds.length, rounds: r.rounds, epochs_per_block: r.epochs_per_block,
    backend: r.backend, simd: r.simd, threads: r.threads, runtime: r.runtime, finite: r.finite,
  };
});
for (const row of rows) {
  const a = rows.find((r) => r.workload === row.workload && r.contestant === 'a');
  row.time_vs_a = a ? row.median_s / a.median_s : null;
  row.loss_rel_diff = a ? Math.abs(row.final_loss - a.final_loss) / Math.abs(a.final_loss) : null;
  row.loss_ok = row.finite !== false && row.loss_rel_diff !== null && row.loss_rel_diff <= LOSS_TOLERANCE;
  const target = TARGETS[row.contestant]?.[row.workload];
  if (target !== undefined && row.time_vs_a !== null) {
    row.target = `time ÷ a ≥ ${+target.toFixed(3)}`;
    row.target_met = row.time_vs_a >= target;
  }
}

const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x.toPrecision(digits));
const si = (x) => (x >= 1e6 ? (x / 1e6).toPrecision(3) + ' M' : x >= 1e3 ? (x / 1e3).toPrecision(3) + ' k' : x.toPrecision(3));
const ms = (s) => (s * 1e3 >= 100 ? (s * 1e3).toFixed(0) : (s * 1e3).toPrecision(3));

const lines = [];
lines.push(`Run ${info.date} on ${info.cpu} (${info.cores} cores), pinned to ${info.pinned}; ` +
           `load average ${info.load_before} before, ${info.load_after} after; ${info.mode}.`);
lines.push(`Toolchain: ${info.toolchain}.`);
const busiest = Math.max(...[info.load_before, info.load_after].map((l) => parseFloat(String(l).split(' ')[0])));
if (busiest > info.cores / 2) {
  lines.push(`**Warning: the machine was busy** (1-minute load average up to ${busiest} on ${info.cores} cores). ` +
             'The contestants ran at different moments, so a ratio can be off by 2× or more in either direction; ' +
             'rerun when the machine is quiet (the full run\'s interleaved rounds dampen this, a --quick run does not).');
}
for (const workload of ['playground', 'mnist']) {
  const these = rows.filter((r) => r.workload === workload);
  if (these.length === 0) continue;
  lines.push('');
  lines.push(workload === 'playground'
    ? '**Playground scale**: 2-8-8-1 tanh (tanh output), half_mse, 500 circle points, batch 10, SGD lr 0.03; one epoch = 50 steps'
    : '**MNIST scale**: 784-128-10 relu, softmax_ce, 6,400 synthetic 28×28 samples, batch 128, SGD lr 0.01; one epoch = 50 steps');
  lines.push('');
  lines.push('| | contestant | samples/s | GFLOP/s | ms/epoch median (min–max) | time ÷ a | final loss (Δ vs a) |');
  lines.push('|---|---|---:|---:|---:|---:|---:|');
  for (const r of these) {
    const ratio = r.time_vs_a === null ? '' : r.time_vs_a >= 1 ? `${fmt(r.time_vs_a)}×` : `${fmt(r.time_vs_a)}× (${fmt(1 / r.time_vs_a)}× faster)`;
    const loss = `${r.final_loss.toPrecision(7)} (${r.loss_rel_diff === null ? '?' : r.loss_rel_diff.toExponential(1)})${r.loss_ok ? '' : ' ✗'}`;
    lines.push(`| ${r.contestant} | ${r.name} | ${si(r.samples_per_s)} | ${r.gflops.toPrecision(3)} | ` +
               `${ms(r.median_s)} (${ms(r.min_s)}–${ms(r.max_s)}) | ${ratio} | ${loss} |`);
  }
}
lines.push('');
lines.push(`Loss check: final loss = mean training-set loss after ${raw.find((r) => r.check_epochs)?.check_epochs} epochs from the shared initial weights; ` +
           `Δ = relative difference to a, tolerance ${LOSS_TOLERANCE.toExponential(0)}. ` +
           (rows.every((r) => r.loss_ok) ? 'All contestants pass.' : 'FAILED for: ' +
             rows.filter((r) => !r.loss_ok).map((r) => `${r.contestant}/${r.workload}`).join(', ') + '.'));
lines.push('');
lines.push('Targets (time ÷ a; single thread):');
for (const r of rows.filter((r) => r.target)) {
  lines.push(`- ${r.target_met ? 'met   ' : 'MISSED'} ${TARGETS[r.contestant].what}, ${r.workload}: ${fmt(r.time_vs_a)}× a's time, target ${r.target}`);
}
lines.push('');
lines.push('Same source, two runtimes (the __ref kernels: wasm under node vs native SSE4.2; native has no hand-written SIMD kernels):');
for (const workload of ['playground', 'mnist']) {
  const find = (c) => rows.find((r) => r.workload === workload && r.contestant === c);
  const [a, b, d, chromium] = ['a', 'b', 'd', 'a-chromium'].map(find);
  if (b && d) lines.push(`- ${workload}: b ÷ d = ${fmt(b.median_s / d.median_s)}× (wasm's cost over native for the same C++)`);
  if (a && chromium) lines.push(`- ${workload}: a in Chromium ÷ a in node = ${fmt(chromium.median_s / a.median_s)}×`);
}
lines.push('');
lines.push('Backends:');
for (const r of rows) lines.push(`- ${r.contestant} ${r.workload}: ${r.backend}; SIMD: ${r.simd}; threads ${r.threads}; ${r.runtime}`);
for (const r of raw.filter((r) => r.error)) lines.push(`- ERROR ${r.contestant} ${r.workload}: ${r.error}`);

const table = lines.join('\n');
console.log(table);
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(rows, null, 1) + '\n');
fs.writeFileSync(path.join(outDir, 'results.md'), table + '\n');
process.exit(raw.some((r) => r.error) || !rows.every((r) => r.loss_ok) ? 1 : 0);
