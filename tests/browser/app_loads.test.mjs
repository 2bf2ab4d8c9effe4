// The page shell: it loads, signals readiness, draws, and makes no external requests.
import {assert, waitUntilReady} from './harness.mjs';

export const tests = [
  {
    name: 'loads, fires backprop:ready and draws a non-blank canvas without console errors',
    async run({openApp, screenshot}) {
      const page = await openApp();
      const info = await page.evaluate(() => ({
        ready: window.backprop.ready, version: window.backprop.version, build: window.backprop.build,
        overlay: getComputedStyle(document.getElementById('overlay')).display,
        loading: getComputedStyle(document.getElementById('loading')).display,
      }));
      assert(info.ready === true, 'window.backprop.ready is not true');
      assert(/^\d+\.\d+\.\d+$/.test(info.version), `version looks wrong: ${info.version}`);
      assert(info.build && info.build.simd === true, `the web build should report SIMD on: ${JSON.stringify(info.build)}`);
      assert(info.overlay === 'none' && info.loading === 'none', 'the loading screen or error overlay is still visible');
      // Sample the canvas: a drawn UI has many distinct colours, a blank one has one.
      const colours = await page.evaluate(() => {
        const canvas = document.getElementById('canvas');
        const copy = document.createElement('canvas');
        copy.width = canvas.width; copy.height = canvas.height;
        const context = copy.getContext('2d');
        context.drawImage(canvas, 0, 0);
        const pixels = context.getImageData(0, 0, copy.width, copy.height).data;
        const seen = new Set();
        for (let i = 0; i < pixels.length; i += 4 * 97) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        return seen.size;
      });
      assert(colours >= 8, `the canvas looks blank: only ${colours} distinct colours sampled`);
      await screenshot(page, 'app-loads');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'the ready event carries the version and build',
    async run({openApp}) {
      const page = await openApp();
      // A listener added after load still sees the state; re-dispatching proves the event shape.
      const detail = await page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('backprop:ready', (event) => resolve(event.detail), {once: true});
        window.BackpropBridge.ready();
      }));
      assert(detail.version === await page.evaluate(() => window.backprop.version), 'event version differs');
      assert(typeof detail.build.simd === 'boolean', 'event build.simd missing');
      await page.close();
    },
  },
  {
    name: 'the canvas backing store follows the window size and devicePixelRatio',
    async run({context, baseUrl}) {
      const page = await context.newPage();
      await page.setViewportSize({width: 900, height: 600});
      await page.goto(baseUrl);
      await waitUntilReady(page);
      await page.setViewportSize({width: 700, height: 500});
      await page.waitForFunction(() => document.getElementById('canvas').width === 700, null, {timeout: 10000});
      const size = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
      assert(size[0] === 700 && size[1] === 500, `canvas backing store is ${size}, expected 700,500`);
      await page.close();
    },
  },
];
