// Typeset math (issue 15): the derivation's formulas go through the page's typesetter
// (engine/typeset, painted by web/math_view.cpp) without an error for every parameter of three
// nets; screenshots of the seed's w1, a 4-layer net's first-layer weight and the f(x,y) seed
// derivation in both themes; the UI's typesetting cost, and no redraw while idle.
import {assert} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

const SEED_NET = {dataset: 'xor4', trainFraction: 1, batchSize: 4, hidden: [2], activation: 'relu', outputActivation: 'linear',
                  loss: 'half_mse'};
const NETS = [
  SEED_NET,
  {dataset: 'xor', hidden: [3, 3, 3], activation: 'tanh', outputActivation: 'sigmoid', loss: 'bce'},
  {dataset: 'circle', hidden: [4, 3], activation: 'sigmoid', outputActivation: 'tanh', loss: 'mse'},
];

async function checkAll(page, config) {
  const result = await api(page, 'setState', config);
  assert(result.ok, 'setState: ' + JSON.stringify(result.errors));
  const ids = (await api(page, 'parameters', {offset: 0, limit: 10000})).map((p) => p.id);
  let formulas = 0;
  for (const id of ids) {
    const d = await api(page, 'derivation', id);
    assert(d.lines.length >= 4, `${id}: ${d.lines.length} lines`);
    for (const text of [d.latex, ...d.lines.flatMap((l) => [l.latex, l.brief]), ...d.paths.map((p) => p.latex)]) {
      const t = await api(page, 'typeset', {latex: text, width: 420});
      assert(t.ok, `${id}: the typesetter refused ${JSON.stringify(text).slice(0, 200)}: ${t.error}`);
      formulas++;
    }
  }
  return {parameters: ids.length, formulas};
}

export const tests = [
  {
    name: 'every derivation formula of three nets typesets without an error',
    async run({openApp}) {
      const page = await openApp();
      const counts = [];
      for (const net of NETS) counts.push(await checkAll(page, net));
      console.log('      typeset: ' + counts.map((c) => `${c.parameters} parameters, ${c.formulas} formulas`).join('; '));
      // The typesetter reports errors (it is not lenient): an unknown command is refused.
      const bad = await api(page, 'typeset', {latex: '\\frac{a}{b} + \\nosuch'});
      assert(!bad.ok && /nosuch/.test(bad.error), 'an unknown command was accepted: ' + JSON.stringify(bad));
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: "the seed net's w1 derivation is typeset with coloured factors, in both themes, at no idle cost",
    async run({openApp, screenshot}) {
      for (const theme of ['light', 'dark']) {
        for (const viewport of [{width: 1280, height: 800}, {width: 390, height: 844}]) {
          const page = await openApp(`#theme=${theme}`, {viewport});
          assert((await api(page, 'setState', SEED_NET)).ok, 'seed net');
          await api(page, 'select', 'w1');
          const d = await api(page, 'derivation', 'w1');
          // The seed's formula, typeset: ∂L/∂w1 = (y−t)·w5·1[h1>0]·x1, on a point where it is not 0.
          assert(d.symbolic === '∂L/∂w1 = (y−t)·w5·1[h1>0]·x1', 'symbolic: ' + d.symbolic);
          assert(d.sampleValue !== 0, `w1's derivation shows a point where ∂ℓ/∂w1 = 0 (sample ${d.sample})`);
          const symbolic = d.lines.find((l) => l.role === 'symbolic');
          const marks = (await api(page, 'typeset', {latex: symbolic.latex})).marks;
          assert(marks.join(' ') === 'u:2:0 e:2:0:0 u:1:0 u:0:0', 'factor marks: ' + marks.join(' '));
          await page.waitForTimeout(300);
          await screenshot(page, `typeset-seed-w1-${viewport.width}-${theme}`);
          if (viewport.width === 1280 && theme === 'light') {
            // The UI's cost: typesetting is cached, so an idle page with the derivation open draws nothing.
            await page.waitForTimeout(2000);
            const m0 = await api(page, 'metrics');
            await page.waitForTimeout(2000);
            const m1 = await api(page, 'metrics');
            assert(m1.framesDrawn - m0.framesDrawn <= 2, `idle with a typeset derivation: ${m1.framesDrawn - m0.framesDrawn} frames in 2 s`);
            for (let k = 0; k < 30; k++) await page.mouse.move(500 + k * 10, 650 + (k % 5) * 4);  // over the formulas
            const m2 = await api(page, 'metrics');
            console.log(`      typeset: ${m2.typeset.layouts} layouts in ${m2.typeset.ms.toFixed(1)} ms since load; ` +
                        `UI work per frame p50 ${m2.workMs.p50.toFixed(2)} ms, p95 ${m2.workMs.p95.toFixed(2)} ms; idle frames ${m1.framesDrawn - m0.framesDrawn}`);
          }
          assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
          await page.close();
        }
      }
    },
  },
  {
    name: "a 4-layer net's first-layer weight and the f(x,y) seed derivation, typeset in both themes",
    async run({openApp, screenshot}) {
      for (const theme of ['light', 'dark']) {
        const page = await openApp(`#theme=${theme}`);
        assert((await api(page, 'setState', NETS[1])).ok, '4-layer net');
        await api(page, 'select', 'W1[0][1]');
        const d = await api(page, 'derivation', 'W1[0][1]');
        assert(d.symbolic.startsWith('∂L/∂W⁽¹⁾₁₂'), '1-based indices: ' + d.symbolic);
        // The δ recursion says each activation's own derivative, never σ'.
        assert(!d.deltaRecursion.some((l) => l.includes("σ'")), "the δ recursion says σ': " + d.deltaRecursion.join(' | '));
        await page.waitForTimeout(300);
        await screenshot(page, `typeset-deep-W1-${theme}`);
        await api(page, 'setState', {demo: 'expression', expression: '(x^2 + x*y) * y^3', point: {x: 1, y: 2}});
        await page.waitForTimeout(300);
        await screenshot(page, `typeset-expression-seed-${theme}`);
        assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
        await page.close();
      }
    },
  },
];
