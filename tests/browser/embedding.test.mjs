// Links, embed mode and the postMessage bridge (web/embed-example.html).
import {assert, waitUntilReady} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

export const tests = [
  {
    name: 'a link restores the same state, and the same weights after 50 epochs',
    async run({openApp, context}) {
      const page = await openApp();
      const set = await api(page, 'setState', {dataset: 'circle', hidden: [5, 3], activation: 'tanh', learningRate: 0.03,
                                                batchSize: 10, noise: 0.2, trainFraction: 0.6, seed: 42, selected: 'W1[0][1]',
                                                gradientLens: true});
      assert(set.ok, JSON.stringify(set.errors));
      await page.waitForTimeout(700);  // the hash follows within 0.5 s
      const url = await page.evaluate(() => location.href);
      assert(url.includes('#'), `no state in the URL: ${url}`);
      const state = await api(page, 'getState');
      const other = await context.newPage();
      await other.goto(url);
      await waitUntilReady(other);
      const restored = await api(other, 'getState');
      assert(JSON.stringify(restored) === JSON.stringify(state),
             `state differs:\n${JSON.stringify(state)}\n${JSON.stringify(restored)}`);
      await api(page, 'step', {unit: 'epoch', count: 50});
      await api(other, 'step', {unit: 'epoch', count: 50});
      const a = (await api(page, 'parameters')).map((p) => p.value);
      const b = (await api(other, 'parameters')).map((p) => p.value);
      assert(JSON.stringify(a) === JSON.stringify(b), 'weights differ after 50 epochs');
      await page.close();
      await other.close();
    },
  },
  {
    name: 'a link with trained weights restores them bit for bit',
    async run({openApp, context}) {
      const page = await openApp();
      await api(page, 'step', {unit: 'epoch', count: 200});
      const {link} = await api(page, 'shareLink', {weights: true});
      const other = await context.newPage();
      await other.goto(link);
      await waitUntilReady(other);
      const a = (await api(page, 'parameters')).map((p) => p.value);
      const b = (await api(other, 'parameters')).map((p) => p.value);
      assert(JSON.stringify(a) === JSON.stringify(b), `weights differ:\n${a}\n${b}`);
      await page.close();
      await other.close();
    },
  },
  {
    name: 'a malformed hash is rejected field by field, with a visible warning',
    async run({openApp}) {
      const page = await openApp('#v=1&dataset=moons&lr=-3&hidden=3,3&activation=tanh&seed=banana');
      const state = await api(page, 'getState');
      assert(JSON.stringify(state.hidden) === '[3,3]' && state.activation === 'tanh', `valid fields not applied: ${JSON.stringify(state)}`);
      assert(state.dataset === 'xor4' && state.learningRate === 0.5 && state.seed === 1, `bad fields did not fall back: ${JSON.stringify(state)}`);
      const warnings = await page.evaluate(() => window.backprop.urlWarnings);
      for (const field of ['dataset', 'learningRate', 'seed'])
        assert(warnings.some((w) => w.startsWith(field)), `no warning naming ${field}: ${JSON.stringify(warnings)}`);
      await page.close();
    },
  },
  {
    name: 'the embed example drives the frame: step, select w1, events, errors',
    async run({context, baseUrl, screenshot}) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(baseUrl + 'embed-example.html');
      await page.waitForFunction(() => window.embedDemo.events.some((e) => e.event === 'ready'), null, {timeout: 60000});
      const stepped = await page.evaluate(() => window.embedDemo.call('step', {unit: 'epoch', count: 10}));
      assert(stepped.epoch === 10, `step reply: ${JSON.stringify(stepped)}`);
      const selected = await page.evaluate(() => window.embedDemo.call('select', 'w1'));
      assert(selected === 'w1', `select reply: ${JSON.stringify(selected)}`);
      const derivation = await page.evaluate(() => window.embedDemo.call('derivation', 'w1'));
      assert(derivation.symbolic.includes('w5'), `derivation: ${derivation.symbolic}`);
      const unknown = await page.evaluate(() => window.embedDemo.call('launchRockets', {}).then(() => 'resolved', (e) => e.message));
      assert(/unknown method/.test(unknown), `unknown method reply: ${unknown}`);
      await page.waitForFunction(() => ['epoch', 'resize', 'select'].every((name) => window.embedDemo.events.some((e) => e.event === name)),
                                 null, {timeout: 10000});
      // The first resize reports the frame's default size; the embedded layout's height follows.
      await page.waitForFunction(() => document.getElementById('lens').getBoundingClientRect().height > 300, null, {timeout: 10000})
        .catch(() => {});
      const height = await page.evaluate(() => document.getElementById('lens').getBoundingClientRect().height);
      const reported = await page.evaluate(() => window.embedDemo.events.filter((e) => e.event === 'resize').pop().data.height);
      assert(height > 300 && Math.abs(height - reported) <= 4, `the frame was not auto-sized: ${height}px (reported ${reported})`);
      await screenshot(page, 'embed-example');
      assert(errors.length === 0, 'page errors: ' + errors.join(' | '));
      await page.close();
    },
  },
];

const SEED_MERMAID = `\`\`\`mermaid
graph LR
  subgraph Network
    I1((Input 1))
    I2((Input 2))
    H1(Hidden 1)
    H2(Hidden 2)
    O1((Output 1))
    
    I1 --> H1
    I1 --> H2
    I2 --> H1 
    I2 --> H2
    H1 --> O1
    H2 --> O1
  end
\`\`\``;

tests.push(
  {
    name: "importing the seed's mermaid block gives a 2-2-1 net whose export imports back the same",
    async run({openApp}) {
      const page = await openApp();
      const imported = await api(page, 'importMermaid', {text: SEED_MERMAID});
      assert(imported.ok, 'seed block rejected: ' + JSON.stringify(imported.errors));
      const state = await api(page, 'getState');
      assert(JSON.stringify(state.hidden) === '[2]' && state.features.length === 2, `not 2-2-1: ${JSON.stringify(state)}`);
      const ids = (await api(page, 'parameters')).map((p) => p.id);
      assert(ids.includes('w6') && ids.includes('b3') && ids.length === 9, `seed names: ${ids}`);
      const exported = await api(page, 'exportMermaid', {what: 'network'});
      assert(/graph LR/.test(exported) && /subgraph Network/.test(exported) && /I1\(\(Input 1\)\)/.test(exported), exported);
      await api(page, 'setState', {hidden: [5, 5]});
      const again = await api(page, 'importMermaid', {text: exported});
      assert(again.ok, 'export did not import back: ' + JSON.stringify(again.errors));
      assert(JSON.stringify((await api(page, 'getState')).hidden) === '[2]', 'round trip changed the network');
      await page.close();
    },
  },
  {
    name: 'a bad mermaid block or model JSON names line and column and keeps the network',
    async run({openApp}) {
      const page = await openApp();
      const before = await api(page, 'parameters');
      const bad = await api(page, 'importMermaid', {text: 'graph LR\n  I1((Input 1)) --> H1(Hidden 1)\n  H1 --> O1((Out))\n  I1 --> O1\n'});
      assert(!bad.ok && /line \d+, column \d+/.test(bad.errors[0].field), `mermaid error: ${JSON.stringify(bad.errors)}`);
      const badJson = await api(page, 'importModel', {text: '{"inputs": 2, "layers": [ {"units": 2,, } ]}'});
      assert(!badJson.ok && /line|column|byte/.test(JSON.stringify(badJson.errors)), `JSON error: ${JSON.stringify(badJson.errors)}`);
      const after = await api(page, 'parameters');
      assert(JSON.stringify(after) === JSON.stringify(before), 'the network changed after failed imports');
      await page.close();
    },
  },
  {
    name: 'exports: model JSON in bp grad format, curves CSV, LaTeX, and a PNG of the canvas',
    async run({openApp}) {
      const page = await openApp();
      await api(page, 'step', {unit: 'epoch', count: 5});
      const model = JSON.parse(await api(page, 'exportModel'));
      assert(model.inputs === 2 && model.layers.length === 2 && model.layers[0].weights.length === 4 && model.loss === 'bce',
             `model JSON: ${JSON.stringify(model).slice(0, 200)}`);
      const csv = (await api(page, 'exportCsv')).trim().split('\n');
      assert(csv[0] === 'epoch,train_loss,test_loss,train_accuracy,test_accuracy' && csv.length >= 6, `CSV: ${csv.slice(0, 3)}`);
      const reimported = await api(page, 'importModel', {text: JSON.stringify(model)});
      assert(reimported.ok, 'exported model does not import: ' + JSON.stringify(reimported.errors));
      await api(page, 'select', 'W1[0][1]');
      const latex = await api(page, 'exportLatex');
      assert(latex.includes('\\partial'), `LaTeX: ${latex}`);
      const png = await page.evaluate(() => document.getElementById('canvas').toDataURL('image/png'));
      assert(png.startsWith('data:image/png;base64,') && png.length > 10000, 'canvas PNG is empty');
      await page.close();
    },
  },
);
