// The f(x, y) demo: the seed example's numbers, the backward step-through,
// every preset, live parse errors typed into the real input line, and gradient
// descent against its closed form.
import {assert, assertClose} from './harness.mjs';

const SEED = '(x^2 + x*y) * y^3';

// Calls a window.backprop method; throws with the engine's message on failure.
function call(page, method, params) {
  return page.evaluate(([m, p]) => window.backprop.call(m, p), [method, params === undefined ? null : params]);
}

// A few animation frames, so what the API changed is on the canvas.
function frames(page, count = 3) {
  return page.evaluate((n) => new Promise((resolve) => {
    const next = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
    next(n);
  }), count);
}

async function openExpressionDemo(openApp) {
  const page = await openApp();
  const result = await call(page, 'setState', {demo: 'expression'});
  assert(result.ok, 'switching to the f(x, y) demo failed: ' + JSON.stringify(result.errors));
  await frames(page);
  return page;
}

function node(view, label) {
  const found = view.nodes.find((n) => n.label === label);
  assert(found, `no node labelled ${label} in ${view.nodes.map((n) => n.label).join(', ')}`);
  return found;
}

function noErrors(page) {
  assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
}

export const tests = [
  {
    name: 'the seed example at (1, 2) shows f = 24, ∂f/∂x = 32, ∂f/∂y = 44, and expression() agrees',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const state = await call(page, 'getState');
      assert(state.expression === SEED, `default expression: ${state.expression}`);
      assert(state.point.x === 1 && state.point.y === 2, `default point: ${JSON.stringify(state.point)}`);
      const view = await call(page, 'expressionView');
      // On screen: f's value and the adjoints of the leaves, complete after the default run-all.
      assert(view.value === 24, `f shown as ${view.value}`);
      assert(node(view, 'f').value === 24, 'the f node does not show 24');
      assert(node(view, 'x').adjoint === 32 && node(view, 'x').final, `∂f/∂x shown as ${node(view, 'x').adjoint}`);
      assert(node(view, 'y').adjoint === 44 && node(view, 'y').final, `∂f/∂y shown as ${node(view, 'y').adjoint}`);
      assert(view.gradient.x === 32 && view.gradient.y === 44, `gradient ${JSON.stringify(view.gradient)}`);
      // ∂f/∂y = x·y³ + 3y²(x² + xy) = 8 + 36 (the seed tutorial's 28 was wrong).
      assert(view.derivation.y.total === 44 && view.derivation.y.paths === 2, JSON.stringify(view.derivation.y));
      assertClose(view.check.y, 44, 1e-5, 'central difference for ∂f/∂y');
      // The convenience wrapper and the raw call, without changing the screen.
      const direct = await page.evaluate((s) => window.backprop.expression(s, {x: 1, y: 2}), SEED);
      assert(direct.ok && direct.value === 24 && direct.gradient.x === 32 && direct.gradient.y === 44,
             'expression(): ' + JSON.stringify(direct));
      const other = await call(page, 'expression', {expression: 'x^2 + y^2', point: {x: 3, y: 4}});
      assert(other.ok && other.value === 25 && other.gradient.x === 6 && other.gradient.y === 8, JSON.stringify(other));
      const bad = await call(page, 'expression', {expression: 'x^2 +', point: {x: 1, y: 1}});
      assert(!bad.ok && bad.error.column === 6 && /ends there/.test(bad.error.message), JSON.stringify(bad));
      assert((await call(page, 'getState')).expression === SEED, 'expression() changed what is on screen');
      await screenshot(page, 'expression-seed');
      noErrors(page);
      await page.close();
    },
  },
  {
    name: 'stepping backward to the end gives the same adjoints as a one-shot backward',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      // Shared leaves (x twice, y three times) make the += accumulation matter.
      const text = 'sin(x*y) + x*x + exp(y)/x';
      assert((await call(page, 'setState', {expression: text, point: {x: 0.7, y: -1.3}})).ok, 'setState failed');
      const oneShot = await call(page, 'expression', {expression: text, point: {x: 0.7, y: -1.3}});
      const reset = await call(page, 'backwardReset');
      assert(!reset.forwardDone && reset.position === 0, 'reset: ' + JSON.stringify(reset));
      const blank = await call(page, 'expressionView');
      assert(blank.nodes.every((n) => n.value === null && n.adjoint === null), 'values shown before the forward pass');
      let record = await call(page, 'backwardStep');
      assert(record.advanced && record.position === 1 && record.step.label === 'f', 'first step: ' + JSON.stringify(record));
      assert(record.step.adjoint === 1, 'the first step starts from ∂f/∂f = 1');
      const total = record.stepCount;
      // Step back and forward again: the same record.
      await call(page, 'backwardStepBack');
      const again = await call(page, 'backwardStep');
      assert(JSON.stringify(again.step) === JSON.stringify(record.step), 'step back then step differs');
      let mid = null;
      while (!record.done) {
        record = await call(page, 'backwardStep');
        assert(record.advanced, 'a step did not advance: ' + JSON.stringify(record));
        for (const edge of record.step.edges)
          if (edge.followed) assertClose(edge.contribution, record.step.adjoint * edge.local, 1e-12, 'contribution');
        if (record.position === Math.ceil(total / 2)) {
          mid = await call(page, 'expressionView');
          await frames(page);
          await screenshot(page, 'expression-step');
        }
      }
      assert(record.position === total, `ended at ${record.position} of ${total}`);
      assert(!(await call(page, 'backwardStep')).advanced, 'a step past the end advanced');
      assert(mid && !node(mid, 'x').final, 'x was already final half way');
      const view = await call(page, 'expressionView');
      assertClose(node(view, 'x').adjoint, oneShot.gradient.x, 0, '∂f/∂x stepped vs one-shot');
      assertClose(node(view, 'y').adjoint, oneShot.gradient.y, 0, '∂f/∂y stepped vs one-shot');
      view.nodes.forEach((n, i) => {
        if (n.varies) assert(n.adjoint === view.oneShot[i], `node ${n.label}: stepped ${n.adjoint}, one-shot ${view.oneShot[i]}`);
      });
      assert(/Done/.test(record.caption), 'the caption does not say the pass is done: ' + record.caption);
      noErrors(page);
      await page.close();
    },
  },
  {
    name: 'each preset renders',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const presets = await call(page, 'expressionPresets');
      assert(presets.length >= 8, `only ${presets.length} presets`);
      for (const preset of presets) {
        const result = await call(page, 'setState', {
          expression: preset.expression, point: preset.point,
          descent: {learningRate: preset.learningRate, steps: preset.steps, start: preset.point},
        });
        assert(result.ok, `${preset.name}: ` + JSON.stringify(result.errors));
        await call(page, 'descend');
        await page.waitForTimeout(1700);  // the path is revealed over at most 1.5 s
        const view = await call(page, 'expressionView');
        assert(view.expression === preset.expression && view.nodes.length > 2, `${preset.name} is not on screen`);
        assert(view.defined && view.gradient, `${preset.name} is undefined at its own start point`);
        await screenshot(page, 'expression-preset-' + preset.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '').toLowerCase());
        noErrors(page);
      }
      await page.close();
    },
  },
  {
    name: 'a malformed expression shows its column and keeps the previous graph (setState and typing)',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const before = await call(page, 'getState');
      // setState is all or nothing: every bad field reported, nothing changed.
      const rejected = await call(page, 'setState', {expression: 'x^2 + (y', point: {x: 'one'}, descent: {learningRate: -1}});
      assert(!rejected.ok, 'a bad expression was accepted');
      const fields = rejected.errors.map((e) => e.field).sort();
      assert(JSON.stringify(fields) === JSON.stringify(['descent.learningRate', 'expression', 'point.x']), 'fields: ' + fields);
      assert(/column 9/.test(rejected.errors.find((e) => e.field === 'expression').message), JSON.stringify(rejected.errors));
      assert(JSON.stringify(await call(page, 'getState')) === JSON.stringify(before), 'a rejected setState changed the state');

      // The real input line: click it and type. Every keystroke is parsed; the graph
      // follows the text while it parses and stays at the last good one while it does not.
      assert((await call(page, 'setState', {expression: 'x^2 + y^2', point: {x: 1, y: 1}})).ok, 'setState failed');
      await frames(page);
      const input = (await call(page, 'expressionView')).widgets.input;
      assert(input.width > 50, 'input line not laid out: ' + JSON.stringify(input));
      await page.mouse.click(input.x + input.width / 2, input.y + input.height / 2);
      await frames(page);
      await page.keyboard.press('End');
      await page.keyboard.type('*', {delay: 20});
      await frames(page);
      let view = await call(page, 'expressionView');
      assert(view.draft === 'x^2 + y^2*', 'typed text did not arrive: ' + JSON.stringify(view.draft));
      assert(view.error && view.error.column === 11 && /ends there/.test(view.error.message), 'error: ' + JSON.stringify(view.error));
      assert(view.expression === 'x^2 + y^2' && view.nodes.length >= 5, 'the previous graph was not kept');
      assert(view.value === 2, 'the previous values were not kept');
      await page.mouse.move(5, 790);  // no tooltip over the error
      await frames(page);
      await screenshot(page, 'expression-parse-error');
      // Fixing the text adopts it.
      await page.mouse.click(input.x + input.width / 2, input.y + input.height / 2);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('x^2 + 3*y', {delay: 20});
      await frames(page);
      view = await call(page, 'expressionView');
      assert(view.error === null && view.expression === 'x^2 + 3*y' && view.value === 4, 'fix: ' + JSON.stringify(view.error));
      // The same live-edit path from the API.
      const edit = await call(page, 'setExpressionText', 'sin(');
      assert(!edit.ok && edit.expression === 'x^2 + 3*y' && edit.error.column === 5, JSON.stringify(edit));
      noErrors(page);
      await page.close();
    },
  },
  {
    name: 'GD on x²+y² from (1, 1) with learning rate 0.1 follows 0.8ⁿ to (0, 0)',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const set = await call(page, 'setState', {
        expression: 'x^2 + y^2', point: {x: 1, y: 1},
        descent: {optimizer: 'gd', learningRate: 0.1, steps: 40, start: {x: 1, y: 1}},
      });
      assert(set.ok, JSON.stringify(set.errors));
      const path = await page.evaluate(() => window.backprop.descend());
      assert(path.status === 'completed' && path.points.length === 41, `${path.status}, ${path.points.length} points`);
      // ∇f = (2x, 2y): x ← x − 0.1·2x = 0.8x, so xₙ = yₙ = 0.8ⁿ and f = 2·0.64ⁿ.
      for (const p of path.points) {
        assertClose(p.x, 0.8 ** p.step, 1e-12, `x at step ${p.step}`);
        assertClose(p.y, 0.8 ** p.step, 1e-12, `y at step ${p.step}`);
        assertClose(p.f, 2 * 0.64 ** p.step, 1e-12, `f at step ${p.step}`);
      }
      assert(Math.hypot(path.points[40].x, path.points[40].y) < 1e-3, 'did not converge towards (0, 0)');
      // Momentum and Adam side by side, then a divergent run that must say so.
      await call(page, 'setState', {descent: {optimizer: 'momentum'}});
      await call(page, 'descend');
      await call(page, 'setState', {descent: {optimizer: 'adam'}});
      await call(page, 'descend');
      await call(page, 'setState', {descent: {optimizer: 'gd', learningRate: 1.1, steps: 200, start: {x: 0.5, y: -0.3}}});
      const diverged = await call(page, 'descend');
      assert(diverged.status === 'diverged' && /diverged/.test(diverged.message), JSON.stringify(diverged.message));
      const view = await call(page, 'expressionView');
      assert(view.runs.length === 4 && view.runs[3].status === 'diverged', JSON.stringify(view.runs));
      await page.waitForTimeout(1700);
      await screenshot(page, 'expression-descent');
      noErrors(page);
      await page.close();
    },
  },
  {
    name: 'a click on the contour plot sets the point and runs descent; the wheel zooms about the mouse',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const set = await call(page, 'setState', {
        expression: 'sin(x)*cos(y)', point: {x: 0, y: 0},
        descent: {optimizer: 'momentum', learningRate: 0.1, steps: 60},
      });
      assert(set.ok, JSON.stringify(set.errors));
      await frames(page);
      let view = await call(page, 'expressionView');
      const plot = view.widgets.plot, w = view.window;
      assert(plot.width > 100 && Math.abs(plot.width - plot.height) < 1, 'plot rectangle: ' + JSON.stringify(plot));
      // A quarter of the way in from the left and from the top.
      await page.mouse.click(plot.x + plot.width * 0.25, plot.y + plot.height * 0.25);
      await frames(page);
      view = await call(page, 'expressionView');
      const expected = {x: w.x0 + 0.25 * (w.x1 - w.x0), y: w.y1 - 0.25 * (w.y1 - w.y0)};
      const pixel = (w.x1 - w.x0) / plot.width;
      assertClose(view.point.x, expected.x, 2 * pixel, 'clicked x');
      assertClose(view.point.y, expected.y, 2 * pixel, 'clicked y');
      assert(view.runs.length === 1 && view.runs[0].optimizer === 'momentum', 'no run from the click: ' + JSON.stringify(view.runs));
      const state = await call(page, 'getState');
      assert(state.descent.start.x === view.point.x && state.descent.start.y === view.point.y, 'the start did not follow the click');
      await page.waitForTimeout(1700);
      await screenshot(page, 'expression-click-descent');
      // The wheel zooms about the mouse: the point under it stays put, and the
      // opposite turn undoes it. (Which way is "in" depends on the platform's wheel sign.)
      const at = {x: plot.x + plot.width * 0.75, y: plot.y + plot.height * 0.5};
      const worldX = w.x0 + 0.75 * (w.x1 - w.x0);
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, -200);
      await frames(page, 5);
      const zoomed = (await call(page, 'expressionView')).window;
      const ratio = (zoomed.x1 - zoomed.x0) / (w.x1 - w.x0);
      assert(Math.abs(ratio - 1) > 0.1, 'the wheel did not zoom: ' + JSON.stringify(zoomed));
      assertClose(zoomed.x0 + 0.75 * (zoomed.x1 - zoomed.x0), worldX, 2 * pixel, 'x under the mouse while zooming');
      await page.mouse.wheel(0, 200);
      await frames(page, 5);
      const back = (await call(page, 'expressionView')).window;
      assertClose(back.x1 - back.x0, w.x1 - w.x0, 1e-9, 'zooming back');
      noErrors(page);
      await page.close();
    },
  },
  {
    name: 'an undefined point is named on the node where it happens',
    async run({openApp, screenshot}) {
      const page = await openExpressionDemo(openApp);
      const set = await call(page, 'setState', {expression: 'log(x) + y/(x - 1)', point: {x: -1, y: 2}});
      assert(set.ok, JSON.stringify(set.errors));
      const view = await call(page, 'expressionView');
      assert(!view.defined && view.value === null && view.gradient === null, 'f should be undefined at (-1, 2)');
      const culprit = view.nodes.find((n) => n.op === 'ln');
      assert(culprit && culprit.undefined && /positive/.test(culprit.undefined), 'ln node: ' + JSON.stringify(culprit));
      assert(/undefined/.test(view.step.caption), 'caption: ' + view.step.caption);
      await frames(page);
      await screenshot(page, 'expression-undefined');
      noErrors(page);
      await page.close();
    },
  },
];
