// The page for every reader (issue 20, part 2): axe-core finds no serious or critical
// violation on the network demo, the f(x,y) demo and an embed (light and dark, with the
// text view and the "?" dialog open); the DOM text layer holds what the canvas shows
// (a selected weight's derivation, f and ∇f) and costs no frames while idle; Tab reaches
// the canvas and the buttons; "?" opens the shortcuts and Esc closes them; status
// changes are announced. Screenshots: build/screenshots/a11y-*.png.
import path from 'node:path';
import {assert, ROOT} from './harness.mjs';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SEED = {hidden: [2], activation: 'relu', outputActivation: 'linear', loss: 'half_mse', dataset: 'xor4',
              trainFraction: 1, batchSize: 4};  // the seed: all four points in one batch (the opening page holds half out)

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);
// The layer as a reader meets it: one heading or paragraph a line.
const layerText = (page) => page.evaluate(() =>
  [...document.querySelectorAll('#text-layer h3, #text-layer p')].map((e) => e.textContent).join('\n'));
const activeId = (page) => page.evaluate(() => document.activeElement && document.activeElement.id);
// The engine's expr::format_number: up to 6 significant digits.
const sixDigits = (v) => String(Number(v.toPrecision(6)));

async function axeViolations(page, what) {
  await page.addScriptTag({path: AXE});
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  })));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const all = violations.map((v) => `${v.impact} ${v.id}: ${v.help} [${v.nodes.join(' | ')}]`).join('\n        ');
  assert(serious.length === 0, `${what}: ${serious.length} serious or critical axe violations; all:\n        ${all}`);
  return violations.length;
}

async function waitForLayer(page, text) {
  await page.waitForFunction((t) => document.getElementById('text-layer').textContent.includes(t), text, {timeout: 10000})
    .catch(() => {});
  const now = await layerText(page);
  assert(now.includes(text), `the text layer lacks "${text}"; it holds: ${now.slice(0, 600)}`);
}

export const tests = [
  {
    name: 'axe-core: no serious or critical violations on both demos and an embed, light and dark, views open',
    async run({openApp}) {
      const counts = [];
      for (const [suffix, what] of [['', 'network demo'], ['#demo=expression', 'f(x,y) demo'],
                                    ['#embed=1&panels=network,derivation', 'embed'], ['#theme=dark', 'network demo, dark'],
                                    ['#demo=expression&theme=dark', 'f(x,y) demo, dark']]) {
        const page = await openApp(suffix);
        counts.push(`${what} ${await axeViolations(page, what)}`);
        await page.click('#text-view-toggle');
        counts.push(`${what} + text view ${await axeViolations(page, what + ' with the text view open')}`);
        await page.click('#shortcuts-toggle');
        counts.push(`${what} + ? ${await axeViolations(page, what + ' with the shortcuts dialog open')}`);
        assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
        await page.close();
      }
      console.log(`      axe violations of any impact (none serious or critical): ${counts.join(', ')}`);
    },
  },
  {
    name: 'the text layer holds the selected weight\'s derivation and the metrics, and shows as selectable text',
    async run({openApp}) {
      const page = await openApp();
      const state = await api(page, 'setState', SEED);
      assert(state.ok, JSON.stringify(state.errors));
      await api(page, 'select', 'w1');
      const d = await api(page, 'derivation', 'w1');
      await waitForLayer(page, `∂L/∂w1 = ${sixDigits(d.value)} (mean over the batch of 4)`);
      const text = await layerText(page);
      for (const line of [d.chain, d.symbolic, d.numeric, d.batch]) assert(text.includes(line), `the layer lacks "${line}"`);
      assert(text.includes('(y−t)·w5·1[h1>0]·x1'), 'the seed\'s symbolic form of ∂L/∂w1 is missing');
      assert(/Epoch 0\b/.test(text) && /Train loss /.test(text) && /Status: paused/.test(text), 'metrics missing: ' + text.slice(0, 400));
      assert(text.includes('2 inputs → 2 relu → 1 linear'), 'the network\'s shape is missing');

      await page.click('#text-view-toggle');
      const shown = await page.evaluate(() => document.body.innerText);
      assert(shown.includes(d.symbolic) && shown.length > 300, `body.innerText with the text view open: ${shown.length} chars`);
      assert(await page.evaluate(() => getComputedStyle(document.getElementById('text-layer')).userSelect !== 'none'),
             'the text view cannot be selected');
      await api(page, 'step', {unit: 'epoch', count: 3});
      await waitForLayer(page, 'Epoch 3');
      await page.click('#text-view-toggle');
      console.log(`      body.innerText with the text view open: ${shown.length} characters`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'the f(x,y) text layer holds f, ∇f and the step caption',
    async run({openApp, screenshot}) {
      const page = await openApp('#demo=expression');
      // The seed: f = (x² + xy)·y³ at (1, 2): f = 3·8 = 24; ∂f/∂x = (2x + y)·y³ = 32, ∂f/∂y = xy³ + 3y²(x² + xy) = 44.
      await waitForLayer(page, 'f(x, y) = (x^2 + x*y) * y^3');
      await waitForLayer(page, 'At (x, y) = (1, 2): f = 24');
      await waitForLayer(page, '∇f = (∂f/∂x, ∂f/∂y) = (32, 44)');
      await api(page, 'backwardReset');  // the demo opens with the backward pass done
      const before = await api(page, 'expressionView');
      await api(page, 'backwardStep');
      const after = await api(page, 'expressionView');
      assert(after.step.caption !== before.step.caption, 'the caption did not change');
      await waitForLayer(page, after.step.caption.split('\n')[0]);
      await page.waitForFunction((c) => document.getElementById('announce-polite').textContent.includes(c),
                                 after.step.caption.split('\n')[0], {timeout: 5000});
      await page.click('#text-view-toggle');
      await screenshot(page, 'a11y-text-view-expression-1280-light');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'Tab reaches the canvas and both buttons; Space on a button is the button\'s; ? opens the shortcuts, Esc closes',
    async run({openApp}) {
      const page = await openApp();
      await page.keyboard.press('Tab');
      assert(await activeId(page) === 'canvas', `first Tab: focus on #${await activeId(page)}`);
      assert(await page.evaluate(() => document.activeElement.matches(':focus-visible')), 'the canvas shows no focus');
      await page.keyboard.press('Tab');
      assert(await activeId(page) === 'text-view-toggle', `second Tab: focus on #${await activeId(page)}`);
      await page.keyboard.press('Space');
      await page.waitForTimeout(300);
      const m = await api(page, 'metrics');
      assert(!m.playing, 'Space on the Text view button also started training');
      assert(await page.evaluate(() => document.getElementById('text-layer').classList.contains('open')), 'Space did not open the text view');
      await page.keyboard.press('Tab');
      assert(await activeId(page) === 'shortcuts-toggle', `third Tab: focus on #${await activeId(page)}`);

      // On the canvas: Space is play/pause (no control focused), ? the list, Esc closes it and gives the focus back.
      await page.focus('#canvas');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => window.backprop.metrics().epoch > 0, null, {timeout: 5000});
      await page.keyboard.press('Space');
      await page.waitForFunction(() => !window.backprop.metrics().playing, null, {timeout: 5000});
      await page.waitForFunction(() => /Paused at epoch/.test(document.getElementById('announce-polite').textContent), null, {timeout: 5000});
      await page.keyboard.press('?');
      await page.waitForFunction(() => !document.getElementById('shortcuts').hidden, null, {timeout: 5000});
      assert(await activeId(page) === 'shortcuts-close', `the dialog did not take the focus (#${await activeId(page)})`);
      const rows = await page.evaluate(() => [...document.querySelectorAll('#shortcuts tr')].map((r) => r.textContent));
      const shortcuts = await api(page, 'shortcuts');
      assert(rows.length === shortcuts.length && rows.length >= 8, `${rows.length} rows for ${shortcuts.length} shortcuts`);
      for (const key of ['Space', '→', '←', 'R', 'Esc', '?', 'Tab / Shift+Tab'])
        assert(shortcuts.some((s) => s.keys === key), `no shortcut row for ${key}`);
      await page.keyboard.press('Tab');  // a modal dialog keeps the focus
      assert(await activeId(page) === 'shortcuts-close', 'Tab left the dialog');
      await page.keyboard.press('Escape');
      assert(await page.evaluate(() => document.getElementById('shortcuts').hidden), 'Esc did not close the dialog');
      assert(await activeId(page) === 'canvas', `after Esc the focus is on #${await activeId(page)}`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'divergence is announced assertively, once',
    async run({openApp}) {
      const page = await openApp();
      await api(page, 'setState', {dataset: 'plane', loss: 'half_mse', outputActivation: 'linear', activation: 'relu',
                                   hidden: [8], learningRate: 100, batchSize: 10});
      await api(page, 'play');
      await page.waitForFunction(() => window.backprop.metrics().status === 'diverged', null, {timeout: 20000});
      await page.waitForFunction(() => /diverged/.test(document.getElementById('announce-assertive').textContent), null, {timeout: 5000});
      const said = await page.evaluate(() => document.getElementById('announce-assertive').textContent);
      await page.mouse.move(300, 300);  // more frames: nothing new to say
      await page.waitForTimeout(500);
      assert(await page.evaluate(() => document.getElementById('announce-assertive').textContent) === said, 'announced again');
      await waitForLayer(page, 'Status: diverged');
      await page.close();
    },
  },
  {
    name: 'with the text view open and a weight selected, an idle page draws no frames',
    async run({openApp}) {
      const page = await openApp();
      await api(page, 'setState', SEED);
      await api(page, 'select', 'w1');
      await page.click('#text-view-toggle');
      await page.waitForTimeout(2000);
      const before = (await api(page, 'metrics')).framesDrawn;
      await page.waitForTimeout(2000);
      const grown = (await api(page, 'metrics')).framesDrawn - before;
      assert(grown <= 2, `idle with the text view open, ${grown} frames were drawn in 2 s`);
      console.log(`      frames drawn in 2 s idle with the text view open: ${grown}`);
      await page.close();
    },
  },
  {
    name: 'screenshots of the text view and the ? dialog, 390×844 and 1280×800, light and dark',
    async run({openApp, screenshot}) {
      for (const [width, height] of [[390, 844], [1280, 800]]) {
        for (const theme of ['light', 'dark']) {
          const page = await openApp(`#theme=${theme}`, {viewport: {width, height}});
          await api(page, 'setState', SEED);
          await api(page, 'select', 'w1');
          await page.click('#text-view-toggle');
          await waitForLayer(page, '∂L/∂w1 =');
          await screenshot(page, `a11y-text-view-${width}-${theme}`);
          await page.click('#text-view-toggle');
          await page.focus('#canvas');
          await page.keyboard.press('?');
          await page.waitForFunction(() => !document.getElementById('shortcuts').hidden, null, {timeout: 5000});
          await screenshot(page, `a11y-shortcuts-${width}-${theme}`);
          await page.keyboard.press('Escape');
          // ImGui's focus rectangle: onto the training panel, into it (Space), down to a control. A key
          // is routed by what the last frame showed, so each waits for a frame, as a person's would.
          for (const key of ['ArrowDown', 'ArrowDown', 'Space', 'ArrowDown', 'ArrowDown']) {
            await page.keyboard.press(key);
            await page.waitForTimeout(150);
          }
          assert(!(await api(page, 'metrics')).playing, 'Space with the focus rectangle shown started training');
          await screenshot(page, `a11y-focus-${width}-${theme}`);
          assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
          await page.close();
        }
      }
    },
  },
];
