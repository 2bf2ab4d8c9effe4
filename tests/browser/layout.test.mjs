// The responsive layout (web/page_layout.h): one, two or three columns by width, on a
// phone (touch), a laptop and large screens, in both themes and both demos, and in
// embeds; checked through window.backprop.layout(), the rects the frame drew.
import path from 'node:path';
import {assert, SCREENSHOT_DIR, waitUntilReady} from './harness.mjs';

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

// The layout once panel heights have settled (a derivation grows to its text over a frame or two).
async function settledLayout(page) {
  let last = null;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(150);
    const layout = await api(page, 'layout');
    const key = JSON.stringify(layout.panels);
    if (last === key) return layout;
    last = key;
  }
  throw new Error('the layout never settled: ' + last);
}

// No panel below its minimum size, none overlapping another, none outside the page's width.
function checkPanels(layout, what) {
  assert(layout.panels.length > 0, `${what}: no panels in layout()`);
  for (const p of layout.panels) {
    assert(p.width >= p.minWidth && p.height >= p.minHeight,
           `${what}: ${p.name} is ${p.width}×${p.height}, under its minimum ${p.minWidth}×${p.minHeight}`);
    assert(p.x >= 0 && p.x + p.width <= layout.width, `${what}: ${p.name} leaves the page (x ${p.x}, width ${p.width} of ${layout.width})`);
    assert(p.y + p.height <= layout.height, `${what}: ${p.name} ends below the page's height ${layout.height}`);
  }
  for (const a of layout.panels) {
    for (const b of layout.panels) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert(!overlap, `${what}: ${a.name} ${JSON.stringify(a)} overlaps ${b.name} ${JSON.stringify(b)}`);
    }
  }
}

// A finger's drag from (x, y0) to (x, y1), as Chromium's touch input (the page scrolls natively).
async function touchDrag(page, x, y0, y1) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', {type, touchPoints: type === 'touchEnd' ? [] : [{x, y}]});
  await touch('touchStart', y0);
  const steps = 20;
  for (let i = 1; i <= steps; i++) await touch('touchMove', y0 + (y1 - y0) * i / steps);
  await touch('touchEnd');
  await page.waitForTimeout(400);
  await cdp.detach();
}

const expectedColumns = (width) => (width >= 1200 ? 3 : width >= 700 ? 2 : 1);

const SIZES = [
  {width: 390, height: 844, mobile: true},
  {width: 1024, height: 700},
  {width: 1280, height: 800},
  {width: 1920, height: 1080},
];

const TEACHING_ORDER = {
  network: ['controls', 'network', 'derivation', 'output', 'curves', 'training'],
  expression: ['expression', 'graph', 'derivation', 'contour', 'descent'],
};

export const tests = [];

for (const size of SIZES) {
  tests.push({
    name: `${size.width}×${size.height}${size.mobile ? ' (touch)' : ''}: ${expectedColumns(size.width)} column(s), no panel under its minimum or overlapping, both themes and demos`,
    async run({openApp, screenshot}) {
      for (const theme of ['light', 'dark']) {
        const page = await openApp(`#theme=${theme}`, {viewport: {width: size.width, height: size.height}, mobile: !!size.mobile});
        for (const demo of ['network', 'expression']) {
          assert((await api(page, 'setState', {demo})).ok, `setState demo ${demo}`);
          const layout = await settledLayout(page);
          const what = `${size.width}×${size.height} ${theme} ${demo}`;
          assert(layout.columns === expectedColumns(size.width), `${what}: ${layout.columns} columns`);
          assert(layout.width === size.width, `${what}: layout width ${layout.width}`);
          checkPanels(layout, what);
          const names = layout.panels.map((p) => p.name);
          assert(JSON.stringify(names) === JSON.stringify(TEACHING_ORDER[demo]), `${what}: panels ${names}`);
          if (layout.columns === 1) {
            // One column, top to bottom in teaching order.
            for (let i = 1; i < layout.panels.length; i++)
              assert(layout.panels[i].y > layout.panels[i - 1].y, `${what}: ${names[i]} is not below ${names[i - 1]}`);
          } else {
            assert(layout.height >= size.height, `${what}: the page is shorter than the window`);
          }
          // The browser scrolls a page taller than the window: the spacer is as tall as the layout.
          const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
          assert(Math.abs(scrollHeight - Math.max(layout.height, size.height)) <= 2,
                 `${what}: the document is ${scrollHeight} px tall, the layout ${layout.height}`);
          if (size.mobile) assert(layout.style.frameHeight >= 32, `${what}: touch targets are ${layout.style.frameHeight} px tall`);
          else assert(layout.style.frameHeight < 32, `${what}: a mouse gets touch-sized frames`);
          await screenshot(page, `layout-${size.width}x${size.height}-${theme}-${demo}`);
        }
        assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
        await page.close();
      }
    },
  });
}

tests.push(
  {
    name: 'phone: train XOR, select w1 of the 2-2-1 net, scroll to its derivation by touch and read it',
    async run({openApp, screenshot}) {
      for (const theme of ['light', 'dark']) {
        const page = await openApp(`#theme=${theme}`, {mobile: true});
        assert((await api(page, 'setState', {hidden: [2], activation: 'relu', seed: 1})).ok, 'setState 2-2-1');
        await api(page, 'play');
        await page.waitForFunction(() => window.backprop.metrics().epoch >= 20, null, {timeout: 30000});
        await api(page, 'pause');
        assert((await api(page, 'select', 'w1')) === 'w1', 'select w1');
        let layout = await settledLayout(page);
        const derivation = layout.panels.find((p) => p.name === 'derivation');
        assert(derivation.width >= 340, `the derivation panel is ${derivation.width} px wide on a phone`);
        // A touch drag scrolls the page natively, and the frame follows.
        await touchDrag(page, 195, 700, 700 - Math.min(derivation.y - 8, 600));
        const touched = await page.evaluate(() => window.scrollY);
        assert(touched > 100, `a touch drag did not scroll the page (scrollY ${touched})`);
        assert(await api(page, 'getState').then((s) => s.selected === 'w1'), 'the drag clicked something: w1 is no longer selected');
        // The derivation's top just under the header (which stays; the first panel starts below it).
        const target = derivation.y - layout.panels[0].y;
        await page.evaluate((y) => window.scrollTo(0, y), target);
        await page.waitForTimeout(300);
        layout = await settledLayout(page);
        assert(Math.abs(layout.scrollY - target) <= 2, `the frame draws at scrollY ${layout.scrollY}, not ${target}`);
        const file = await screenshot(page, `layout-390x844-${theme}-derivation-w1`);
        assert(file, 'screenshot');
        assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
        await page.close();
      }
    },
  },
  {
    name: 'a narrow desktop window scrolls its one column with the mouse wheel',
    async run({openApp}) {
      const page = await openApp('', {viewport: {width: 600, height: 700}});
      const layout = await settledLayout(page);
      assert(layout.columns === 1 && layout.height > 700, `expected one tall column: ${layout.columns}, ${layout.height}`);
      const network = layout.panels.find((p) => p.name === 'network');
      await page.mouse.move(network.x + network.width / 2, network.y + network.height / 2);
      await page.mouse.wheel(0, 300);
      await page.waitForFunction(() => window.scrollY > 0, null, {timeout: 5000}).catch(() => {});
      const scrolled = await page.evaluate(() => window.scrollY);
      assert(scrolled > 100, `the wheel did not scroll the page (scrollY ${scrolled})`);
      await page.waitForTimeout(200);
      assert((await api(page, 'layout')).scrollY === scrolled, 'the frame does not follow the page scroll');
      await page.close();
    },
  },
  {
    name: 'phone: a tap clicks (the demo switch, the ☰ menu), and Share opens from the menu at most of the width',
    async run({openApp, screenshot}) {
      // A state with several fields, so that the link is long enough to wrap.
      const page = await openApp('#dataset=circle&hidden=5,3&activation=tanh&lr=0.03&batch=10&noise=0.2&seed=42&selected=W1[0][1]',
                                 {mobile: true});
      // Taps apart by more than a double tap's interval (Chromium may fold two quick taps into one gesture).
      const tap = async (x, y) => { await page.touchscreen.tap(x, y); await page.waitForTimeout(700); };
      const demoIs = (demo) => page.waitForFunction((d) => window.backprop.getState().demo === d, demo, {timeout: 3000})
        .then(() => true, () => false);
      await tap(150, 60);  // "f(x, y)" in the header's second line
      assert(await demoIs('expression'), 'tapping f(x, y) did not switch the demo');
      await tap(60, 60);   // "Network"
      assert(await demoIs('network'), 'tapping Network did not switch back');
      await tap(390 - 26, 24);  // ☰
      let layout = await api(page, 'layout');
      assert(layout.dialogs.length === 1, `the ☰ menu did not open: ${JSON.stringify(layout.dialogs)}`);
      const menu = layout.dialogs[0];
      await screenshot(page, 'layout-390x844-light-menu');
      // Its second row is "Share / Embed…": below the theme checkbox and the menu's 18 px spacing.
      await tap(menu.x + menu.width / 2, menu.y + 8 + layout.style.frameHeight + 18 + 7);
      layout = await api(page, 'layout');
      const share = layout.dialogs.find((d) => d.name.includes('Share'));
      assert(share, `Share did not open from the menu: ${JSON.stringify(layout.dialogs)}`);
      assert(share.width >= 0.9 * 390 && share.width <= 390, `the Share dialog is ${share.width} px wide on a 390 px phone`);
      assert(share.height >= 200, `the Share dialog is only ${share.height} px tall`);
      await screenshot(page, 'layout-390x844-light-share');
      // Embed mode adds the panel and control toggles: they wrap to the dialog's width.
      await tap(share.x + 40, share.y + 40 + 2 * layout.style.frameHeight);
      layout = await api(page, 'layout');
      const embedShare = layout.dialogs.find((d) => d.name.includes('Share'));
      assert(embedShare && embedShare.width <= 390 && embedShare.height > share.height,
             `with embed mode ticked the dialog is ${JSON.stringify(embedShare)}`);
      assert(embedShare.y >= 0 && embedShare.y + embedShare.height <= 844, `the dialog leaves the screen: ${JSON.stringify(embedShare)}`);
      await screenshot(page, 'layout-390x844-light-share-embed');
      assert(page.errors.length === 0, 'console errors: ' + page.errors.join(' | '));
      await page.close();
    },
  },
);

for (const width of [360, 600, 1000]) {
  tests.push({
    name: `an embed ${width} px wide lays out by its own width and reports its true height`,
    async run({context, baseUrl}) {
      const page = await context.newPage();
      await page.setViewportSize({width: width + 60, height: 900});
      await page.goto(baseUrl + 'embed-example.html');
      await page.evaluate((w) => {
        document.body.style.maxWidth = 'none';
        document.getElementById('lens').style.width = w + 'px';
      }, width);
      await page.waitForFunction(() => window.embedDemo.events.some((e) => e.event === 'ready'), null, {timeout: 60000});
      await page.evaluate(() => window.embedDemo.call('select', 'w1'));
      let layout = null;
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(300);
        const next = await page.evaluate(() => window.embedDemo.call('layout'));
        const frame = await page.evaluate(() => document.getElementById('lens').getBoundingClientRect().height);
        if (layout && next.height === layout.height && Math.abs(frame - 2 - next.height) <= 3) break;
        layout = next;
      }
      assert(layout.width === width, `the embed lays out ${layout.width} px, the frame is ${width}`);
      assert(layout.columns === expectedColumns(width), `${width} px embed: ${layout.columns} columns`);
      checkPanels(layout, `embed ${width}`);
      const reported = await page.evaluate(() => window.embedDemo.events.filter((e) => e.event === 'resize').pop().data.height);
      assert(Math.abs(reported - layout.height) <= 3, `resize reports ${reported}, the layout is ${layout.height} px tall`);
      // The derivation grows to its text: nothing is cut, no scrollbar.
      const derivation = layout.panels.find((p) => p.name === 'derivation');
      assert(derivation && derivation.height >= 200, `the embedded derivation is ${derivation && derivation.height} px tall`);
      await page.screenshot({path: path.join(SCREENSHOT_DIR, `layout-embed-${width}.png`), fullPage: true});
      await page.close();
    },
  });
}
