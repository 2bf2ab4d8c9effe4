// Issue 20, part 4: the page opens on a visible test split, learns within ~120 frames of
// Play, its curves have their own axes and a hover readout, and clicked points survive
// a reload through the link and are marked in the data CSV.
import path from 'node:path';
import {assert, SCREENSHOT_DIR} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);
const metrics = (page) => api(page, 'metrics');

// The curves plots in CSS px, as the last frame drew them.
async function curvesPlot(page) {
  const plot = (await metrics(page)).curvesPlot;
  assert(plot.width > 100 && plot.height > 40, 'curves plot rectangle: ' + JSON.stringify(plot));
  return plot;
}

export const tests = [
  {
    name: 'the page opens on XOR with a test split and learns within 120 frames of Play',
    async run({openApp}) {
      const page = await openApp();
      const state = await api(page, 'getState');
      assert(state.dataset === 'xor' && state.trainFraction === 0.5, 'start: ' + JSON.stringify(state));
      const before = await metrics(page);
      assert(before.testLoss !== null && before.testAccuracy !== null, 'no test split: ' + JSON.stringify(before));
      assert(before.speedAuto && before.epochsPerFrame === 2, 'auto speed on 250 points: ' + before.epochsPerFrame);
      await api(page, 'play');
      const start = (await metrics(page)).framesDrawn;
      await page.waitForFunction((s) => window.backprop.metrics().framesDrawn >= s + 120, start, {timeout: 120000, polling: 16});
      await api(page, 'pause');
      const after = await metrics(page);
      console.log(`      after ${after.framesDrawn - start} frames: epoch ${after.epoch}, loss ${before.trainLoss.toFixed(3)} → ` +
                  `${after.trainLoss.toFixed(3)}, accuracy ${(after.trainAccuracy * 100).toFixed(1)} % ` +
                  `(test ${(after.testAccuracy * 100).toFixed(1)} %)`);
      assert(after.trainAccuracy > 0.9 || after.trainLoss < before.trainLoss / 2,
             `not learning: accuracy ${after.trainAccuracy}, loss ${before.trainLoss} → ${after.trainLoss}`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'the curves show a readout and a guide line at the hovered epoch (screenshots in both themes and sizes)',
    async run({openApp, screenshot}) {
      // 390 px: the curves alone, as a narrow embed shows them (the start's data spelled out: a link
      // leaves out only what equals the seed's xor4); 1280 px: the whole page.
      for (const viewport of [{width: 390, height: 844}, {width: 1280, height: 800}]) {
        for (const theme of ['light', 'dark']) {
          const narrow = viewport.width < 700;
          const page = await openApp(narrow ? '#embed=1&panels=curves&dataset=xor&train=0.5&batch=10' : '', {viewport});
          await api(page, 'setState', {theme});
          await api(page, 'step', {unit: 'epoch', count: 60});
          await page.waitForFunction(() => window.backprop.metrics().stepping === null, null, {timeout: 120000});
          await page.waitForTimeout(500);  // the frames that draw the finished step
          const plot = await curvesPlot(page);
          const away = await metrics(page);
          assert(away.curveHover === null, 'a readout without hover: ' + JSON.stringify(away.curveHover));
          // Three quarters of the way along: about epoch 45 of 0..60.
          await page.mouse.move(plot.x + plot.width * 0.75, plot.y + plot.height * 0.3);
          await page.waitForFunction(() => window.backprop.metrics().curveHover !== null, null, {timeout: 60000});
          const hover = (await metrics(page)).curveHover;
          assert(hover && Math.abs(hover.epoch - 45) <= 2, 'hover readout: ' + JSON.stringify(hover));
          for (const key of ['trainLoss', 'testLoss', 'smoothedTrainLoss', 'smoothedTestLoss', 'trainAccuracy', 'testAccuracy'])
            assert(Number.isFinite(hover[key]), `readout ${key}: ` + JSON.stringify(hover));
          const tag = `curves-${viewport.width}x${viewport.height}-${theme}`;
          await screenshot(page, tag);
          await page.screenshot({path: path.join(SCREENSHOT_DIR, `${tag}-panel.png`),
                                 clip: {x: Math.max(0, plot.x - 10), y: Math.max(0, plot.y - 80),
                                        width: Math.min(plot.width + 20, viewport.width), height: plot.height + 160}});
          assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
          await page.close();
        }
      }
    },
  },
  {
    name: 'added points survive a reload through the link, and the data CSV marks them',
    async run({openApp}) {
      const page = await openApp();
      const points = [{x1: 1.5, x2: -2, label: 1}, {x1: -3.25, x2: 2.5, label: 0}];
      await api(page, 'setState', {points});
      const hash = await api(page, 'urlHash');
      assert(hash.includes('points=1.5,-2,1;-3.25,2.5,0'), 'link: ' + hash);
      assert(hash.includes('dataset=xor'), 'the start is spelled out in its link: ' + hash);
      await page.close();

      const reloaded = await openApp('#' + hash);
      const state = await api(reloaded, 'getState');
      const same = (a, b) => a.x1 === b.x1 && a.x2 === b.x2 && a.label === b.label;
      assert(state.points.length === 2 && state.points.every((p, i) => same(p, points[i])),
             'points after reload: ' + JSON.stringify(state.points));
      const csv = await api(reloaded, 'exportCsv', {what: 'points'});
      const lines = csv.trim().split('\n');
      assert(lines[0] === 'x1,x2,label,set,added', 'CSV header: ' + lines[0]);
      assert(lines.length === 1 + 500 + 2, `CSV rows: ${lines.length - 1}`);
      const added = lines.filter((line) => line.endsWith(',1') && line.includes(',train,'));
      assert(JSON.stringify(added) === JSON.stringify(['1.5,-2,1,train,1', '-3.25,2.5,0,train,1']), 'added rows: ' + added);
      const warnings = await reloaded.evaluate(() => window.backprop.urlWarnings);
      assert(warnings.length === 0, 'link warnings: ' + JSON.stringify(warnings));
      assert(reloaded.errors.length === 0, 'console errors: ' + reloaded.errors.join(' | '));
      await reloaded.close();
    },
  },
];
