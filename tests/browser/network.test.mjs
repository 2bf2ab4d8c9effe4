// The network demo through window.backprop: training, derivations, datasets,
// divergence, setState validation, screenshots and frame time.
import {assert, assertClose} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

export const tests = [
  {
    name: 'the seed XOR (what a link leaves out: xor4) trains to 100% accuracy within 3000 epochs',
    async run({openApp, screenshot}) {
      const page = await openApp('#v=1');  // links are read over the seed's xor4; the bare page opens on Playground's XOR
      const state = await api(page, 'getState');
      assert(state.demo === 'network' && state.dataset === 'xor4' && state.trainFraction === 1, `link defaults: ${JSON.stringify(state)}`);
      assert(JSON.stringify(state.hidden) === '[4]' && state.loss === 'bce', 'default is the seed 2-4-1 sigmoid + bce net');
      const before = await api(page, 'metrics');
      await api(page, 'step', {unit: 'epoch', count: 3000});
      const after = await api(page, 'metrics');
      assert(after.epoch === 3000, `epoch counter: ${after.epoch}`);
      assert(after.trainLoss < before.trainLoss * 0.2, `loss did not fall enough: ${before.trainLoss} → ${after.trainLoss}`);
      assert(after.trainAccuracy === 1, `accuracy after 3000 epochs: ${after.trainAccuracy}`);
      await screenshot(page, 'network-trained-xor');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'play trains live and reports frame times',
    async run({openApp, screenshot}) {
      const page = await openApp();
      await api(page, 'setState', {dataset: 'spiral', hidden: [8, 8], activation: 'tanh', learningRate: 0.03, batchSize: 10, noise: 0.1, trainFraction: 0.5});
      await api(page, 'play');
      await page.waitForTimeout(4000);
      const m = await api(page, 'metrics');
      await api(page, 'pause');
      assert(m.epoch > 5, `playing for 4 s trained only ${m.epoch} epochs`);
      assert(m.frameMs.p95 > 0, 'no frame times');
      console.log(`      frame time with training running: p50 ${m.frameMs.p50.toFixed(1)} ms, p95 ${m.frameMs.p95.toFixed(1)} ms, ` +
                  `${Math.round(m.stepsPerSecond)} samples/s (spiral, 2-8-8-1 tanh, SwiftShader)`);
      await screenshot(page, 'network-spiral-playing');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'the derivation of w1 matches parameters() and the numerical check',
    async run({openApp, screenshot}) {
      const page = await openApp();
      const set = await api(page, 'setState', {hidden: [2], activation: 'relu', outputActivation: 'linear', loss: 'half_mse', learningRate: 0.05, seed: 3});
      assert(set.ok, 'setState failed: ' + JSON.stringify(set.errors));
      await api(page, 'step', {unit: 'epoch', count: 20});
      const params = await api(page, 'parameters');
      const ids = params.map((p) => p.id);
      for (const id of ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'b1', 'b2', 'b3']) assert(ids.includes(id), `missing ${id} in ${ids}`);
      await api(page, 'select', 'w1');
      const d = await api(page, 'derivation', 'w1');
      const w1 = params.find((p) => p.id === 'w1');
      assertClose(d.value, w1.grad, 1e-9 + 1e-6 * Math.abs(w1.grad), 'derivation value vs parameters().grad');
      const scale = Math.max(Math.abs(d.value), 1e-8);
      assert(Math.abs(d.value - d.numericalCheck) / scale < 1e-3 || Math.abs(d.value - d.numericalCheck) < 1e-7,
             `numerical check ${d.numericalCheck} vs ${d.value}`);
      assert(d.symbolic.includes('(y−t)·w5·1[h1>0]·x1'), `symbolic form: ${d.symbolic}`);
      assert(d.latex.includes('\\partial'), 'LaTeX is missing');
      const state = await api(page, 'getState');
      assert(state.selected === 'w1', 'selection not in state');
      await screenshot(page, 'network-derivation-w1');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'every dataset and activation trains a few epochs without console errors',
    async run({openApp}) {
      const page = await openApp();
      for (const dataset of ['xor4', 'xor', 'circle', 'gauss', 'spiral', 'plane', 'multigauss']) {
        const regression = dataset === 'plane' || dataset === 'multigauss';
        for (const activation of ['linear', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'gelu']) {
          const result = await api(page, 'setState', {
            dataset, activation, hidden: [4], learningRate: 0.03, batchSize: 10,
            loss: regression ? 'half_mse' : 'bce', outputActivation: regression ? 'tanh' : 'sigmoid'});
          assert(result.ok, `${dataset}/${activation}: ${JSON.stringify(result.errors)}`);
          await api(page, 'step', {unit: 'epoch', count: 3});
          const m = await api(page, 'metrics');
          assert(m.status === 'ok' && Number.isFinite(m.trainLoss), `${dataset}/${activation}: ${JSON.stringify(m)}`);
        }
      }
      await page.waitForTimeout(200);  // let a few frames draw the last state
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'a learning rate of 100 triggers the divergence pause',
    async run({openApp, screenshot}) {
      const page = await openApp();
      await api(page, 'setState', {dataset: 'plane', loss: 'half_mse', outputActivation: 'linear', activation: 'relu', hidden: [8], learningRate: 100, batchSize: 10});
      await api(page, 'play');
      await page.waitForFunction(() => window.backprop.metrics().status === 'diverged', null, {timeout: 20000});
      const m = await api(page, 'metrics');
      assert(m.playing === false, 'training kept playing after divergence');
      assert(m.trainLoss === null, `a diverged loss must not be shown as a number: ${m.trainLoss}`);
      assert(/NaN|infinite|grew to/i.test(m.message), `divergence message: ${m.message}`);
      await screenshot(page, 'network-diverged');
      // The default classification net (bce from logits never overflows) pauses as well.
      await api(page, 'setState', {dataset: 'xor4', loss: 'bce', outputActivation: 'sigmoid', activation: 'sigmoid', hidden: [4], learningRate: 1e6, batchSize: 4});
      await api(page, 'play');
      await page.waitForFunction(() => window.backprop.metrics().status === 'diverged', null, {timeout: 20000});
      const bce = await api(page, 'metrics');
      assert(bce.playing === false && /grew to/.test(bce.message), `bce at lr 1e6: ${JSON.stringify(bce)}`);
      await api(page, 'reset');
      assert((await api(page, 'metrics')).status === 'ok', 'reset did not clear divergence');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'setState with bad fields reports every bad field and changes nothing',
    async run({openApp}) {
      const page = await openApp();
      const before = await api(page, 'getState');
      const result = await api(page, 'setState', {learningRate: -1, dataset: 'moons', hidden: [0], bogus: 1, selected: 'w99', seed: 7});
      assert(result.ok === false, 'bad setState reported ok');
      const fields = result.errors.map((e) => e.field).sort();
      for (const field of ['bogus', 'dataset', 'learningRate']) assert(fields.some((f) => f.startsWith(field)), `no error for ${field}: ${fields}`);
      assert(fields.some((f) => f.startsWith('hidden')), `no error for hidden: ${fields}`);
      for (const e of result.errors) assert(e.message.length > 5, `unhelpful message for ${e.field}`);
      const after = await api(page, 'getState');
      assert(JSON.stringify(after) === JSON.stringify(before), 'state changed despite errors');
      await page.close();
    },
  },
  {
    name: 'a click on an edge selects it and lights its paths; a double-click opens the editor to type a new weight',
    async run({openApp, screenshot}) {
      const page = await openApp();
      await api(page, 'setState', {hidden: [2], activation: 'relu', outputActivation: 'linear', loss: 'half_mse'});
      await page.waitForTimeout(300);  // a frame with the new network
      const target = (await api(page, 'networkView')).find((t) => t.id === 'w1');
      assert(target, 'w1 is not drawn');
      await page.mouse.move(target.x, target.y);
      await page.waitForTimeout(200);
      await page.mouse.click(target.x, target.y);
      await page.waitForTimeout(300);
      assert((await api(page, 'getState')).selected === 'w1', 'the click did not select w1');
      assert((await api(page, 'metrics')).editor === null, 'a single click opened the editor');
      await page.mouse.dblclick(target.x, target.y);
      // Type only once the editor has keyboard focus (a frame after it opens); software GL
      // frames can take 100+ ms on a loaded machine, so wait on frames, not on a clock.
      await page.waitForFunction(() => {
        const editor = window.backprop.metrics().editor;
        return editor !== null && editor.parameter === 'w1' && editor.frames >= 3;
      }, null, {timeout: 10000});
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.625');
      // Enter down and up in one task, so both arrive before the next frame: a quick tap
      // on a slow frame must still count (ImGui 1.86 samples keys once a frame).
      await page.evaluate(() => {
        for (const type of ['keydown', 'keyup']) {
          window.dispatchEvent(new KeyboardEvent(type, {key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true}));
        }
      });
      await page.waitForFunction(() => window.backprop.metrics().editor === null, null, {timeout: 10000});
      const w1 = (await api(page, 'parameters')).find((p) => p.id === 'w1');
      assert(w1.value === 0.625, `w1 after typing: ${w1.value}`);
      await screenshot(page, 'network-edit-w1');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'reset with the same seed gives the same initial weights',
    async run({openApp}) {
      const page = await openApp();
      const first = (await api(page, 'parameters')).map((p) => p.value);
      await api(page, 'step', {unit: 'epoch', count: 10});
      await api(page, 'reset');
      const again = (await api(page, 'parameters')).map((p) => p.value);
      assert(JSON.stringify(first) === JSON.stringify(again), 'weights differ after reset');
      await page.close();
    },
  },
];

// WCAG 2.1: relative luminance of an sRGB colour, and the contrast ratio of two.
function luminance([r, g, b]) {
  const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
const contrast = (a, b) => { const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };

tests.push({
  name: 'widget frames have a border of at least 3:1 contrast in both themes, and Esc closes the value editor',
  async run({openApp}) {
    const page = await openApp();
    for (const theme of ['light', 'dark']) {
      await api(page, 'setState', {theme});
      await page.waitForTimeout(200);
      const {style} = await api(page, 'layout');
      const ratio = contrast(style.frameBorder, style.windowBg);
      assert(style.frameBorderSize >= 1 && style.frameBorderAlpha === 1, `${theme}: frames have no solid border`);
      assert(ratio >= 3, `${theme}: frame border ${style.frameBorder} on ${style.windowBg} is ${ratio.toFixed(2)}:1`);
      console.log(`      ${theme}: frame border contrast ${ratio.toFixed(2)}:1`);
    }
    await api(page, 'setState', {theme: 'light', hidden: [2], activation: 'relu', outputActivation: 'linear', loss: 'half_mse'});
    await page.waitForTimeout(300);
    const target = (await api(page, 'networkView')).find((t) => t.id === 'w1');
    await page.mouse.move(target.x, target.y);
    await page.waitForTimeout(200);
    await page.mouse.dblclick(target.x, target.y);
    await page.waitForFunction(() => (window.backprop.metrics().editor || {frames: 0}).frames >= 3, null, {timeout: 10000});
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => window.backprop.metrics().editor === null, null, {timeout: 10000});
    assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
    await page.close();
  },
});
