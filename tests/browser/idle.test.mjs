// Drawing only when something changes (issue 20, part 3): framesDrawn counts frames
// actually rendered; a paused, untouched page draws none, and any input, API change
// or training brings frames back.
import {assert} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);
const drawn = async (page) => (await api(page, 'metrics')).framesDrawn;

async function idleGrowth(page) {
  await page.waitForTimeout(2000);  // settle: the heatmap pass, the wake frames after loading
  const before = await drawn(page);
  await page.waitForTimeout(2000);
  return (await drawn(page)) - before;
}

export const tests = [
  {
    name: 'a paused page draws no frames, and input, setState and play wake it',
    async run({openApp}) {
      const page = await openApp();
      const idle = await idleGrowth(page);
      assert(idle <= 2, `paused and idle, ${idle} frames were drawn in 2 s`);

      const beforeMove = await drawn(page);
      await page.mouse.move(200, 200);
      await page.mouse.move(220, 230);
      await page.waitForTimeout(500);
      assert(await drawn(page) > beforeMove, 'moving the mouse drew no frame');

      const beforeState = await drawn(page);
      await api(page, 'setState', {learningRate: 0.25});
      await page.waitForTimeout(500);
      assert(await drawn(page) > beforeState, 'setState drew no frame');

      await api(page, 'play');
      const beforePlay = await drawn(page);
      await page.waitForTimeout(1500);
      const playing = (await drawn(page)) - beforePlay;
      assert(playing >= 5, `playing drew only ${playing} frames in 1.5 s`);
      await api(page, 'pause');
      const after = await idleGrowth(page);
      assert(after <= 2, `paused again, ${after} frames were drawn in 2 s`);
      console.log(`      frames in 2 s: idle ${idle}, paused after training ${after}; while playing ${playing} in 1.5 s`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'the f(x,y) demo stops drawing once its descent path has grown',
    async run({openApp}) {
      const page = await openApp('#demo=expression');
      await api(page, 'descend', {});
      const idle = await idleGrowth(page);
      assert(idle <= 2, `the f(x,y) demo, idle, drew ${idle} frames in 2 s`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
];
