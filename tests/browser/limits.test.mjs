// Limits (README "Limits"): the size caps refuse what the page cannot handle, the
// largest allowed networks answer every API call, and long steps run across
// frames with a Promise, a way to stop them, and the same weights as at once.
// Times are liveness checks (the page answers at all), not performance claims:
// each call must answer within kCallMs, measured with performance.now() in the page.
import {assert} from './harness.mjs';

const kCallMs = 3000;
const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

// Calls window.backprop[method](params) in the page (awaiting a Promise); {ms, value, error}.
async function timed(page, method, params) {
  return page.evaluate(async ([m, p]) => {
    const start = performance.now();
    try {
      const value = await (p === undefined ? window.backprop[m]() : window.backprop[m](p));
      return {ms: performance.now() - start, value};
    } catch (error) {
      return {ms: performance.now() - start, error: error.message};
    }
  }, [method, params]);
}

async function answers(page, method, params, log) {
  const r = await timed(page, method, params);
  log.push(`${method}(${params === undefined ? '' : JSON.stringify(params).slice(0, 40)}) ${r.ms.toFixed(0)} ms`);
  assert(r.ms < kCallMs, `${method}(${JSON.stringify(params)}) took ${r.ms.toFixed(0)} ms`);
  return r;
}

// Frames drawn in `ms` of wall time, and the longest gap between two of them.
const countFrames = (page, ms) => page.evaluate((ms) => new Promise((resolve) => {
  let frames = 0, longest = 0;
  const start = performance.now();
  let last = start;
  const tick = (now) => {
    longest = Math.max(longest, now - last);
    last = now;
    frames++;
    if (now - start < ms) requestAnimationFrame(tick); else resolve({frames, longest});
  };
  requestAnimationFrame(tick);
}), ms);

const values = async (page) => {
  const total = (await api(page, 'metrics')).parameterCount;
  const out = [];
  for (let offset = 0; offset < total; offset += 10000) out.push(...(await api(page, 'parameters', {offset, limit: 10000})));
  return out.map((p) => p.value);
};

// The largest allowed nets, one for each cap (engine/training/train_config.h).
const LARGEST = [
  {what: '99,535 parameters (2-313-313-1), batch 50', state: {dataset: 'circle', hidden: [313, 313], batchSize: 50, trainFraction: 0.5}},
  {what: '15 hidden layers of 83, 97,941 parameters', state: {dataset: 'circle', hidden: Array(15).fill(83), batchSize: 51, trainFraction: 0.5}},
  {what: '9,522 points × 10,501 parameters', state: {dataset: 'spiral', samples: 9522, hidden: [100, 100], batchSize: 476, trainFraction: 0.05}},
];

export const tests = [
  {
    name: 'the issue\'s nets (4, 8, 15 layers of 1024) are refused with one message naming hidden',
    async run({openApp}) {
      const page = await openApp('#dataset=circle');
      const before = await api(page, 'getState');
      for (const layers of [4, 8, 15]) {
        const r = await timed(page, 'setState', {hidden: Array(layers).fill(1024)});
        assert(r.ms < kCallMs, `setState took ${r.ms} ms`);
        assert(r.value.ok === false && r.value.errors.length === 1, `${layers} layers: ${JSON.stringify(r.value)}`);
        assert(r.value.errors[0].field === 'hidden' && /parameters; at most 100,000/.test(r.value.errors[0].message),
               `${layers} layers: ${JSON.stringify(r.value.errors)}`);
      }
      const points = await api(page, 'setState', {hidden: [100, 100], samples: 100000});
      assert(!points.ok && points.errors[0].field === 'samples' && /at most 100,000,000/.test(points.errors[0].message),
             `points cap: ${JSON.stringify(points)}`);
      const batch = await api(page, 'setState', {hidden: [313, 313], batchSize: 100000});
      assert(!batch.ok && batch.errors[0].field === 'batchSize' && /at most 5,000,000/.test(batch.errors[0].message),
             `batch cap: ${JSON.stringify(batch)}`);
      assert(JSON.stringify(await api(page, 'getState')) === JSON.stringify(before), 'a refused setState changed the state');
      assert((await api(page, 'metrics')).status === 'ok', 'the engine is not ok after refusals');
      // The same through a link: the field falls back with a warning, the page draws on.
      const linked = await openApp('#dataset=circle&hidden=1024,1024,1024,1024');
      const warnings = await linked.evaluate(() => window.backprop.urlWarnings);
      assert(warnings.some((w) => w.startsWith('hidden') && /parameters/.test(w)), `link warnings: ${JSON.stringify(warnings)}`);
      assert(JSON.stringify((await api(linked, 'getState')).hidden) === '[4]', 'the link\'s hidden was not refused');
      assert((await countFrames(linked, 500)).frames >= 2, 'the page stopped drawing');
      assert(page.errors.length === 0 && linked.errors.length === 0, 'console errors: ' + page.errors.concat(linked.errors).join(' | '));
      await page.close();
      await linked.close();
    },
  },
  ...LARGEST.map(({what, state}) => ({
    name: `the largest allowed net (${what}) answers every API call`,
    async run({openApp}) {
      const page = await openApp();
      const log = [];
      const set = await answers(page, 'setState', state, log);
      assert(set.value.ok, `setState: ${JSON.stringify(set.value)}`);
      await answers(page, 'getState', undefined, log);
      await answers(page, 'setState', {learningRate: 0.01, optimizer: 'adam'}, log);
      const metrics = (await answers(page, 'metrics', undefined, log)).value;
      const count = metrics.parameterCount;
      if (count > 10000) {
        const whole = await answers(page, 'parameters', undefined, log);
        assert(/parameters\({offset: 0, limit: 10000}\)/.test(whole.error), `parameters() on ${count}: ${JSON.stringify(whole)}`);
      }
      const ids = new Set();
      for (let offset = 0; offset < count; offset += 10000) {
        const page_ = (await answers(page, 'parameters', {offset, limit: 10000}, log)).value;
        assert(page_.length === Math.min(10000, count - offset), `page at ${offset}: ${page_.length}`);
        for (const p of page_) ids.add(p.id);
      }
      assert(ids.size === count, `${ids.size} distinct ids of ${count}`);
      const depth = state.hidden.length + 1;
      for (const id of ['W1[0][0]', 'b1[0]', `W2[1][2]`, `b2[1]`, `W${depth}[0][1]`, `b${depth}[0]`]) {
        assert(!(await answers(page, 'select', id, log)).error, `select ${id}`);
        const d = await answers(page, 'derivation', id, log);
        assert(d.value && Number.isFinite(d.value.value), `derivation ${id}: ${JSON.stringify(d).slice(0, 300)}`);
      }
      const model = (await answers(page, 'exportModel', undefined, log)).value;
      assert(model.length > count * 10, `model JSON of ${model.length} bytes`);
      const mermaid = await answers(page, 'exportMermaid', {what: 'network', weights: true}, log);
      assert(mermaid.error ? /exportModel/.test(mermaid.error) : mermaid.value.startsWith('graph LR'), `mermaid: ${JSON.stringify(mermaid).slice(0, 300)}`);
      await answers(page, 'exportMermaid', {what: 'graph'}, log);
      await answers(page, 'exportCsv', undefined, log);
      assert((await answers(page, 'exportLatex', undefined, log)).value.includes('\\partial'), 'LaTeX');
      await answers(page, 'urlHash', undefined, log);
      const share = (await answers(page, 'shareLink', {weights: true}, log)).value;
      assert(share.warning ? /Export/.test(share.warning) : /[#&]w=/.test(share.link), `shareLink: ${JSON.stringify(share).slice(0, 300)}`);
      for (const unit of ['sample', 'batch', 'epoch']) {
        const s = await answers(page, 'step', {unit, count: 1}, log);
        assert(s.value && s.value.status === 'ok', `step ${unit}: ${JSON.stringify(s)}`);
      }
      assert(!(await answers(page, 'play', undefined, log)).error, 'play');
      const playing = await countFrames(page, 2000);
      log.push(`playing: ${playing.frames} frames in 2 s, longest gap ${playing.longest.toFixed(0)} ms`);
      assert(playing.frames >= 4 && playing.longest < kCallMs, `frames while playing: ${JSON.stringify(playing)}`);
      await answers(page, 'metrics', undefined, log);
      await answers(page, 'pause', undefined, log);
      await answers(page, 'reset', undefined, log);
      const after = (await answers(page, 'metrics', undefined, log)).value;
      assert(after.status === 'ok' && after.epoch === 0, `after reset: ${JSON.stringify(after)}`);
      const imported = await answers(page, 'importModel', {text: model}, log);
      console.log('      ' + log.join('; '));
      assert(imported.value && imported.value.ok, `importModel of its own export: ${JSON.stringify(imported).slice(0, 300)}`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  })),
  {
    name: 'step({unit: "epoch", count: 1e6}) on circle returns a Promise, frames go on, pause() stops it',
    async run({openApp}) {
      const page = await openApp('#dataset=circle');
      const started = await page.evaluate(() => {
        const start = performance.now();
        window.longStep = window.backprop.step({unit: 'epoch', count: 1e6});
        return {ms: performance.now() - start, promise: window.longStep instanceof Promise};
      });
      assert(started.promise, 'step of 1e6 epochs did not return a Promise');
      assert(started.ms < 1000, `step() blocked the page for ${started.ms} ms`);
      const m1 = await api(page, 'metrics');
      assert(m1.stepping && m1.stepping.unit === 'epoch' && m1.stepping.count === 1e6, `metrics().stepping: ${JSON.stringify(m1.stepping)}`);
      const again = await timed(page, 'step', {unit: 'batch', count: 1});
      assert(/still running .*pause\(\)/.test(again.error), `a second step: ${JSON.stringify(again)}`);
      const frames = await countFrames(page, 2000);
      const m2 = await api(page, 'metrics');
      console.log(`      while stepping: ${frames.frames} frames in 2 s (longest gap ${frames.longest.toFixed(0)} ms), ` +
                  `${m2.epoch - m1.epoch} epochs, frameMs p50 ${m2.frameMs.p50.toFixed(0)} p95 ${m2.frameMs.p95.toFixed(0)}`);
      assert(frames.frames >= 4 && frames.longest < 1000, `frames while stepping: ${JSON.stringify(frames)}`);
      assert(m2.epoch > m1.epoch && m2.stepping.fraction > 0, `no progress: ${m1.epoch} → ${m2.epoch}`);
      const result = await page.evaluate(async () => {
        window.backprop.pause();
        return window.longStep;
      });
      assert(result.stopped === true && result.status === 'ok' && result.epoch < 1e6, `stopped step resolved with ${JSON.stringify(result)}`);
      const m3 = await api(page, 'metrics');
      assert(m3.stepping === null && m3.epoch === result.epoch, `after pause: ${JSON.stringify(m3)}`);
      await page.waitForTimeout(300);
      assert((await api(page, 'metrics')).epoch === result.epoch, 'training went on after pause()');
      // reset() stops a step the same way.
      const reset = await page.evaluate(async () => {
        const step = window.backprop.step({unit: 'epoch', count: 1e6});
        window.backprop.reset();
        return step;
      });
      assert(reset.stopped === true, `reset during a step: ${JSON.stringify(reset)}`);
      const m4 = await api(page, 'metrics');
      assert(m4.epoch === 0 && m4.stepping === null, `after reset: ${JSON.stringify(m4)}`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'a step run across frames gives bit-identical weights to the same steps done at once',
    async run({openApp}) {
      const state = {dataset: 'circle', hidden: [8, 8], activation: 'tanh', batchSize: 7, optimizer: 'adam', learningRate: 0.01, noise: 0.2};
      const queued = await openApp();
      await api(queued, 'setState', state);
      const promise = await queued.evaluate(() => {
        window.queuedStep = window.backprop.step({unit: 'epoch', count: 3000});
        return window.queuedStep instanceof Promise;
      });
      assert(promise, 'a step of 3000 epochs did not run across frames');
      const done = await queued.evaluate(() => window.queuedStep);
      assert(done.epoch === 3000 && done.status === 'ok' && !done.stopped, `queued step: ${JSON.stringify(done)}`);
      const atOnce = await openApp();
      await api(atOnce, 'setState', state);
      const epochs = await atOnce.evaluate(async () => {
        let result;
        for (let e = 0; e < 3000; e++) result = await window.backprop.step({unit: 'epoch', count: 1});
        return result.epoch;
      });
      assert(epochs === 3000, `stepped at once to epoch ${epochs}`);
      const a = await values(queued), b = await values(atOnce);
      assert(a.length === b.length && a.every((v, i) => v === b[i]), 'weights differ between the queued and the immediate steps');
      const ma = await api(queued, 'metrics'), mb = await api(atOnce, 'metrics');
      assert(ma.trainLoss === mb.trainLoss, `losses differ: ${ma.trainLoss} vs ${mb.trainLoss}`);
      await queued.close();
      await atOnce.close();
    },
  },
  {
    name: 'over postMessage a long step is answered when it ends, and pause stops it',
    async run({context, baseUrl}) {
      const page = await context.newPage();
      await page.goto(baseUrl + 'embed-example.html');
      await page.waitForFunction(() => window.embedDemo.events.some((e) => e.event === 'ready'), null, {timeout: 60000});
      const result = await page.evaluate(async () => {
        const step = window.embedDemo.call('step', {unit: 'epoch', count: 1e6});
        await new Promise((resolve) => setTimeout(resolve, 500));
        const paused = await window.embedDemo.call('pause');
        return {paused, step: await step};
      });
      assert(result.paused === false && result.step.stopped === true && result.step.epoch > 0,
             `postMessage step: ${JSON.stringify(result)}`);
      await page.close();
    },
  },
];
