// The network view for a first visit (issue 20, part 3): a click only selects, editing
// is a double-click or "Edit value", Esc closes the editor and no click is swallowed;
// legends, the colour bar and the units' heatmaps (screenshots at phone and laptop
// sizes, light and dark); first-visit hints that are dismissed for good.
import {assert, waitUntilReady, CALLOUTS_KEY, SHOW_CALLOUTS} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);
const target = async (page, id) => (await api(page, 'controlTargets')).find((t) => t.id === id);
const editorOpen = (page) => page.waitForFunction(
  () => (window.backprop.metrics().editor || {frames: 0}).frames >= 3, null, {timeout: 10000});
const editorClosed = (page) => page.waitForFunction(() => window.backprop.metrics().editor === null, null, {timeout: 10000});

async function w1(page) {
  const found = (await api(page, 'networkView')).find((t) => t.id === 'w1');
  assert(found, 'w1 is not drawn');
  return found;
}

export const tests = [
  {
    name: 'a click only selects; a double-click opens the editor, Esc closes it, and one click on Play then plays',
    async run({openApp}) {
      const page = await openApp();
      await api(page, 'setState', {hidden: [2]});  // w1 names x1→h1 in a 2-2-1 network
      // A frame of the new network (software GL on a busy machine: wait on it, not on a clock).
      await page.waitForFunction(() => window.backprop.networkView().some((t) => t.id === 'w1'), null, {timeout: 10000});
      const edge = await w1(page);
      await page.mouse.move(edge.x, edge.y);
      await page.mouse.click(edge.x, edge.y);
      await page.waitForFunction(() => window.backprop.getState().selected === 'w1', null, {timeout: 10000});
      await page.waitForTimeout(300);  // frames after the click: an editor would be open by now
      assert((await api(page, 'metrics')).editor === null, 'a single click opened the value editor');

      await page.mouse.dblclick(edge.x, edge.y);
      await editorOpen(page);
      assert((await api(page, 'metrics')).editor.parameter === 'w1', 'the editor is not for w1');
      await page.keyboard.press('Escape');
      await editorClosed(page);

      const play = await target(page, 'play');
      assert(play, 'no Play button drawn');
      await page.mouse.click(play.x, play.y);
      await page.waitForFunction(() => window.backprop.metrics().playing === true, null, {timeout: 5000});
      await page.mouse.click(play.x, play.y);  // the same button pauses
      await page.waitForFunction(() => window.backprop.metrics().playing === false, null, {timeout: 5000});

      // "Edit value" in the selected parameter's line opens the same editor; with the editor
      // open, one click on Play closes it and plays.
      const edit = await target(page, 'editValue');
      assert(edit, 'no Edit value button for the selected w1');
      await page.mouse.click(edit.x, edit.y);
      await editorOpen(page);
      await page.mouse.click(play.x, play.y);
      await page.waitForFunction(() => window.backprop.metrics().playing === true, null, {timeout: 5000});
      await editorClosed(page);
      await api(page, 'pause');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
  {
    name: 'legends, colour bar and heatmaps in the units: screenshots at 390×844 and 1280×800, light and dark',
    async run({openApp, screenshot}) {
      for (const viewport of [{width: 390, height: 844}, {width: 1280, height: 800}]) {
        for (const theme of ['light', 'dark']) {
          const page = await openApp(`#theme=${theme}`, {viewport});
          await api(page, 'step', {unit: 'epoch', count: 300});
          await api(page, 'select', 'W1[0][0]');
          await page.waitForTimeout(500);  // the heatmap pass of the new weights
          assert(await target(page, 'editValue'), `${viewport.width}px ${theme}: the selected line has no Edit value`);
          assert(await target(page, 'play'), `${viewport.width}px ${theme}: no Play button`);
          await screenshot(page, `network-view-${viewport.width}x${viewport.height}-${theme}`);
          if (viewport.width === 1280 && theme === 'light') {
            await api(page, 'setState', {gradientLens: true});
            await page.waitForTimeout(300);
            await screenshot(page, 'network-view-gradient-lens');
          }
          assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
          await page.close();
          // The network and output panels at the full width of the viewport (a phone's column).
          const embed = await openApp(`#embed=1&panels=network,output&theme=${theme}&hidden=4,3`, {viewport});
          await api(embed, 'step', {unit: 'epoch', count: 300});
          await embed.waitForTimeout(500);
          await screenshot(embed, `network-view-embed-${viewport.width}x${viewport.height}-${theme}`);
          assert(embed.errors.length === 0, 'console errors: ' + embed.errors.join(' | '));
          await embed.close();
        }
      }
    },
  },
  {
    name: 'first-visit hints show on a first load, each is dismissed for good, and an embed shows none',
    async run({openApp, screenshot}) {
      const page = await openApp();
      await page.evaluate(([key, show]) => { sessionStorage.setItem(show, '1'); localStorage.removeItem(key); },
                          [CALLOUTS_KEY, SHOW_CALLOUTS]);
      await page.reload();
      await waitUntilReady(page);
      await page.waitForTimeout(300);
      const ids = async () => (await api(page, 'controlTargets')).map((t) => t.id).filter((id) => id.startsWith('callout:')).sort();
      const first = await ids();
      assert(JSON.stringify(first) === JSON.stringify(['callout:clickWeight', 'callout:edgeWidth', 'callout:play']),
             `hints on a first load: ${first}`);
      await screenshot(page, 'network-view-callouts');

      const gotIt = await target(page, 'callout:clickWeight');
      await page.mouse.click(gotIt.x, gotIt.y);
      await page.waitForTimeout(300);
      assert(await page.evaluate((key) => localStorage.getItem(key), CALLOUTS_KEY) === '2', 'Got it did not store bit 2');
      const play = await target(page, 'play');
      await page.mouse.click(play.x, play.y);  // pressing Play is what its hint asked
      await page.waitForFunction(() => window.backprop.metrics().playing === true, null, {timeout: 5000});
      await api(page, 'pause');
      assert(await page.evaluate((key) => localStorage.getItem(key), CALLOUTS_KEY) === '3', 'Play did not dismiss its hint');

      await page.reload();  // the tab's flag keeps the harness from dismissing them: the app reads its own store
      await waitUntilReady(page);
      await page.waitForTimeout(300);
      assert(JSON.stringify(await ids()) === '["callout:edgeWidth"]', `after a reload: ${await ids()}`);

      await page.evaluate((key) => localStorage.removeItem(key), CALLOUTS_KEY);
      const url = page.url().replace(/#.*$/, '');
      await page.goto('about:blank');  // a new document: the embed flag is read at load
      await page.goto(url + '#embed=1');
      await waitUntilReady(page);
      await page.waitForTimeout(300);
      assert((await ids()).length === 0, `an embed shows hints: ${await ids()}`);
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
];
