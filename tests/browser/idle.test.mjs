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

// An embed scrolled out of view (IntersectionObserver) draws and trains nothing, and goes on when it is back.
tests.push({
  name: 'an embed scrolled out of view stops drawing and training, and resumes where it stopped',
  async run({context, baseUrl}) {
    const page = await context.newPage();
    await page.setViewportSize({width: 1000, height: 800});
    await page.goto(baseUrl + 'embed-example.html');  // same origin as the frame: no cross-origin throttling
    await page.waitForFunction(() => window.embedDemo.events.some((e) => e.event === 'ready'), null, {timeout: 60000});
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(baseUrl));
    assert(frame, 'no embedded frame');
    const inFrame = (method, arg) => frame.evaluate(([m, a]) => window.backprop[m](a), [method, arg]);
    await inFrame('play');
    await page.waitForTimeout(1000);
    assert((await inFrame('metrics')).epoch > 0, 'the embed did not train on screen');
    await page.evaluate(() => {  // push the frame far below the fold
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      document.body.prepend(spacer);
      window.scrollTo(0, 0);
    });
    await page.waitForTimeout(500);
    const hidden = await inFrame('metrics');
    await page.waitForTimeout(1500);
    const stillHidden = await inFrame('metrics');
    assert(stillHidden.framesDrawn - hidden.framesDrawn <= 1, `off screen it drew ${stillHidden.framesDrawn - hidden.framesDrawn} frames`);
    assert(stillHidden.epoch === hidden.epoch, `off screen it trained from epoch ${hidden.epoch} to ${stillHidden.epoch}`);
    await page.evaluate(() => document.querySelector('iframe').scrollIntoView());
    await page.waitForTimeout(1500);
    const back = await inFrame('metrics');
    assert(back.epoch > stillHidden.epoch && back.playing, `back on screen it did not go on: epoch ${back.epoch}`);
    console.log(`      off screen for 1.5 s: ${stillHidden.framesDrawn - hidden.framesDrawn} frames, ` +
                `${stillHidden.epoch - hidden.epoch} epochs; back on screen: ${back.epoch - stillHidden.epoch} epochs in 1.5 s`);
    await page.close();
  },
});
