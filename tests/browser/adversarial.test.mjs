// Hostile and careless inputs (issue 13): a hostile site or a careless author
// attacks the page, the embed and the JS API. One test per class (URL,
// setState, postMessage, imports, f(x,y), determinism) loops over its inputs.
// Every input: the page stays alive (backprop.ready, metrics() answers, no
// 'BackpropLens stopped' overlay) and answers within a second; a rejected
// input leaves getState() and parameters() exactly as they were, and its
// message names a field. The counts per class go to the console and to
// build/logs/adversarial-counts.json.
import fs from 'node:fs';
import path from 'node:path';
import {assert, ROOT, waitUntilReady} from './harness.mjs';
import {INPUTS} from './adversarial_inputs.mjs';
import {openCrossOriginEmbed} from './cross_origin.mjs';

// A small canvas: software GL draws it faster, so the suite spends its time on the inputs.
const SMALL = {viewport: {width: 720, height: 540}};
const COUNTS_FILE = path.join(ROOT, 'build', 'logs', 'adversarial-counts.json');
const counts = {};

// ms: how long the page was busy with the input (null: a page load, timed by waitUntilReady).
function record(cls, outcome, ms) {
  const c = counts[cls] || (counts[cls] = {inputs: 0, rejected: 0, accepted: 0, maxMs: 0});
  c.inputs++;
  c[outcome]++;
  if (ms !== null) c.maxMs = Math.max(c.maxMs, Math.round(ms));
  fs.mkdirSync(path.dirname(COUNTS_FILE), {recursive: true});
  fs.writeFileSync(COUNTS_FILE, JSON.stringify(counts, null, 2) + '\n');
}

function report(cls) {
  const c = counts[cls];
  console.log(`     ${cls}: ${c.inputs} inputs, ${c.rejected} rejected, ${c.accepted} accepted, slowest ${c.maxMs} ms`);
}

// Runs `source` (a JS expression, evaluated in the page) and reports its outcome, its time,
// whether getState() and parameters() changed, and whether the page is alive a frame later.
// One round trip per input: the suite's time goes to the inputs, not to the test driver.
// With source null, it only checks, against the snapshot markBefore() took.
const snapshotSource = 'JSON.stringify([window.backprop.getState(), window.backprop.parameters()])';
const markBefore = (target) => target.evaluate(`window.adversarialBefore = ${snapshotSource}; window.longestHandler = 0;`);
function runInPage(target, source) {
  return target.evaluate(async ([code, snapshot]) => {
    const snapshotNow = () => {
      try { return (0, eval)(snapshot); } catch (error) { return 'dead'; }
    };
    const before = code === null ? window.adversarialBefore : snapshotNow();
    const started = performance.now();
    let outcome = 'accepted', message = '';
    try {
      const result = await (0, eval)(code);
      if (result && typeof result === 'object' && result.ok === false) {
        // {ok: false, errors: [{field, message} | text]} (setState, imports, links) or {ok: false, error: {message, column}} (f(x,y))
        outcome = 'rejected';
        const errors = Array.isArray(result.errors) ? result.errors : [result.error];
        message = errors.map((e) => (typeof e === 'string' ? e : (e.field ? e.field + ': ' : '') + e.message +
                                     (e.column ? ` (column ${e.column})` : ''))).join(' | ');
      }
    } catch (error) {
      outcome = 'rejected';
      message = String(error && error.message || error);
    }
    const callMs = performance.now() - started;
    // One whole frame after the call: an input that makes every frame slow freezes the page too.
    const frameStart = await new Promise((resolve) => requestAnimationFrame(resolve));
    const frameMs = (await new Promise((resolve) => requestAnimationFrame(resolve))) - frameStart;
    const ms = Math.max(callMs, frameMs);
    let metrics = false;
    try { metrics = typeof window.backprop.metrics().epoch === 'number'; } catch (error) { /* dead */ }
    const overlay = getComputedStyle(document.getElementById('overlay')).display !== 'none';
    return {outcome, message: message.slice(0, 300), ms, callMs, frameMs, ready: window.backprop.ready === true, metrics, overlay,
            changed: snapshotNow() !== before, handlerMs: window.longestHandler || 0};
  }, [source, snapshotSource]);
}

function assertAlive(result, what) {
  assert(result.ready && result.metrics && !result.overlay, `${what}: the page is not alive afterwards: ${JSON.stringify(result)}`);
  assert(result.ms < 1000, `${what}: the page was busy for ${Math.round(result.callMs)} ms, then drew a frame in ${Math.round(result.frameMs)} ms`);
}

// Each input: {name, src, expect: 'rejected' | 'accepted', message?: RegExp, changes?: true}.
async function runClass(cls, target, inputs) {
  for (const input of inputs) {
    const result = await runInPage(target, input.src);
    assertAlive(result, `${cls} / ${input.name}`);
    assert(result.outcome === input.expect, `${cls} / ${input.name}: expected ${input.expect}, got ${result.outcome} ${result.message}`);
    if (input.message) assert(input.message.test(result.message), `${cls} / ${input.name}: message ${JSON.stringify(result.message)} does not match ${input.message}`);
    if (input.expect === 'rejected' && !input.changes) {
      assert(!result.changed, `${cls} / ${input.name}: rejected, but getState() or parameters() changed`);
    }
    record(cls, result.outcome, result.ms);
  }
}

// Installed before the page's scripts: times the bridge's 'message' listener (web/bridge.js
// onMessage) into window.longestHandler. Listeners at the target run in the order they were
// added, capture or not, so a listener of the test's own cannot bracket the bridge's; and
// Emscripten's main loop has a 'message' listener too, whose frames are not the request's time.
function timeMessageHandlers() {
  const add = EventTarget.prototype.addEventListener;
  window.longestHandler = 0;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this !== window || type !== 'message' || typeof listener !== 'function' || listener.name !== 'onMessage') {
      return add.call(this, type, listener, options);
    }
    return add.call(this, type, function (event) {
      const started = performance.now();
      try { return listener.call(this, event); } finally { window.longestHandler = Math.max(window.longestHandler, performance.now() - started); }
    }, options);
  };
}

const api = (target, method, ...args) => target.evaluate(([m, a]) => window.backprop[m](...a), [method, args]);

export const tests = [
  {
    name: 'URL: hostile links load, warn and leave the page alive; rejected hashes change nothing',
    async run({openApp, context, baseUrl}) {
      // The link: 1.5 MB of 'a' crashed at load and on every reload.
      const page = await context.newPage();
      await page.setViewportSize(SMALL.viewport);
      await page.goto(baseUrl + '#x=' + 'a'.repeat(1500000));
      await waitUntilReady(page);
      const warnings = await page.evaluate(() => window.backprop.urlWarnings);
      assert(/1,500,003 bytes, more than the 64 KiB/.test(warnings[0]), `no size warning: ${JSON.stringify(warnings)}`);
      // The address bar follows the state at once, so a reload reads a clean link.
      await page.waitForFunction(() => location.hash.length < 100, null, {timeout: 5000});
      record('URL', 'rejected', null);  // timed by waitUntilReady, not in the page
      await page.close();

      // '#v=1': the defaults links are read over (the seed's xor4; the bare page opens on Playground's
      // XOR), so a rejected link leaves this page as it was.
      const clean = await openApp('#v=1', SMALL);
      // The pairing: the valid dataset stays, the loss takes the dataset picker's pairing.
      const paired = await openApp('#loss=bce&dataset=plane', SMALL);
      const state = await api(paired, 'getState');
      assert(state.dataset === 'plane' && state.loss === 'half_mse', `dataset dropped: ${state.dataset} ${state.loss}`);
      assert((await paired.evaluate(() => window.backprop.urlWarnings)).some((w) => /^loss: "bce" cannot train/.test(w)), 'no loss warning');
      record('URL', 'accepted', null);
      await paired.close();

      // The rest go through the same entry the bridge uses at load, on the clean page.
      await runClass('URL', clean, INPUTS.url);
      report('URL');
      await clean.close();
    },
  },
  {
    name: 'URL: 200 unknown keys make a few dismissable warnings and never shrink the panels',
    async run({openApp}) {
      const clean = await openApp('', SMALL);
      const hostile = await openApp('#' + Array.from({length: 200}, (_, i) => `k${i}=1`).join('&'), SMALL);
      // The Dismiss button's place is known once a frame has drawn the warnings (slow on a loaded machine).
      await hostile.waitForFunction(() => window.backprop.layout().warnings.dismiss !== null, null, {timeout: 10000});
      const layout = await api(hostile, 'layout');
      assert(layout.warnings.total === 129 && layout.warnings.shown === 8 && layout.warnings.open, `warnings: ${JSON.stringify(layout.warnings)}`);
      assert((await hostile.evaluate(() => window.backprop.urlWarnings)).length === 33, 'urlWarnings keeps 32 and says how many more');
      const positions = async (page) => JSON.stringify(await api(page, 'networkView'));
      assert(await positions(hostile) === await positions(clean), 'the warnings moved the network view');
      const button = layout.warnings.dismiss;
      await hostile.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
      await hostile.waitForTimeout(200);  // ImGui 1.86 sees a press and release only in different frames
      await hostile.mouse.down();
      await hostile.waitForTimeout(200);
      await hostile.mouse.up();
      await hostile.waitForFunction(() => !window.backprop.layout().warnings.open, null, {timeout: 10000});
      record('URL', 'rejected', null);
      report('URL');
      await clean.close();
      await hostile.close();
    },
  },
  {
    name: 'setState: oversized, deep, malformed and out-of-range states are refused and change nothing',
    async run({openApp}) {
      const page = await openApp('#v=1', SMALL);  // the seed's xor4: the messages name its 4 training points
      await api(page, 'step', {unit: 'epoch', count: 3});
      await runClass('setState', page, INPUTS.setState);
      report('setState');
      await page.close();
    },
  },
  {
    name: 'postMessage: a cross-origin parent (no origin=) sends hostile requests; the frame answers errors and lives',
    async run({context, baseUrl}) {
      // The parent at localhost, the frame at 127.0.0.1 (tests/browser/cross_origin.mjs): a hostile site.
      const {parent, frame} = await openCrossOriginEmbed(context, baseUrl, 'embed=1&hidden=2', {initScript: timeMessageHandlers});
      // The parent's requests, each answered (error or result) within a second, or (non-requests) ignored.
      await parent.evaluate(() => {
        // A request's reply, or null: requests get 5 s (a large message crosses processes); a
        // non-request, half a second to be answered when it must not be (replies take milliseconds).
        window.send = (message, timeout = message && typeof message === 'object' && 'method' in message ? 5000 : 500) => new Promise((resolve) => {
          const frameWindow = document.getElementById('lens').contentWindow;
          const listener = (event) => {
            // ids compare as JSON: an object id comes back as a copy
            if (event.source !== frameWindow || !event.data || event.data.event ||
                JSON.stringify(event.data.id) !== JSON.stringify(message.id)) return;
            window.removeEventListener('message', listener);
            resolve(event.data);
          };
          window.addEventListener('message', listener);
          frameWindow.postMessage(message, '*');
          setTimeout(() => { window.removeEventListener('message', listener); resolve(null); }, timeout);
        });
      });
      for (const input of INPUTS.postMessage) {
        await markBefore(frame);
        const reply = await parent.evaluate((code) => (0, eval)(code), input.src);
        const alive = await runInPage(frame, null);
        assertAlive(alive, `postMessage / ${input.name}`);
        assert(alive.handlerMs < 1000, `postMessage / ${input.name}: the frame was busy for ${Math.round(alive.handlerMs)} ms`);
        if (input.expect === 'ignored') assert(reply === null, `${input.name}: answered ${JSON.stringify(reply)}`);
        else assert(reply && input.message.test(String(reply.error)), `${input.name}: reply ${JSON.stringify(reply).slice(0, 300)}`);
        assert(!alive.changed, `postMessage / ${input.name}: getState() or parameters() changed`);
        record('postMessage', 'rejected', Math.max(alive.ms, alive.handlerMs));
      }
      report('postMessage');
      await parent.close();
    },
  },
  {
    name: 'imports: oversized, deep, overflowing and malformed files are refused with a position, the network kept',
    async run({openApp}) {
      const page = await openApp('', SMALL);
      await api(page, 'step', {unit: 'epoch', count: 2});
      await runClass('imports', page, INPUTS.imports);
      // The file picker: a 5 MiB file is refused by its size, a 2 MB one by its content.
      for (const [name, size, expected] of [['big.json', 5 * 1048576, /^file: "big\.json" is 5,242,880 bytes, more than the 4 MiB/],
                                            ['spaces.json', 2000002, /inputs/]]) {
        await markBefore(page);
        await page.evaluate(() => {
          window.lastImport = new Promise((resolve) => window.addEventListener('backprop:import', (e) => resolve(e.detail), {once: true}));
        });
        const chooser = page.waitForEvent('filechooser');
        await page.evaluate(() => window.BackpropBridge.pickFile('.json'));
        await (await chooser).setFiles({name, mimeType: 'application/json', buffer: Buffer.concat([Buffer.alloc(size - 2, ' '), Buffer.from('{}')])});
        const result = await page.evaluate(() => window.lastImport);
        const text = (result.errors || []).map((e) => `${e.field}: ${e.message}`).join(' | ');
        assert(!result.ok && expected.test(text), `picker ${name}: ${JSON.stringify(result)}`);
        const alive = await runInPage(page, null);
        assertAlive(alive, `picker ${name}`);
        assert(!alive.changed, `picker ${name}: the network changed`);
        record('imports', 'rejected', alive.ms);  // the file's transfer through the test driver is not the page's time
      }
      report('imports');
      await page.close();
    },
  },
  {
    name: 'f(x,y): hostile expressions, points and descents answer with a column or a value, never a hang',
    async run({openApp}) {
      const page = await openApp('', SMALL);
      await api(page, 'setState', {demo: 'expression'});
      await runClass('f(x,y)', page, INPUTS.expression);
      report('f(x,y)');
      await page.close();
    },
  },
  {
    name: 'determinism: rejected inputs leave no trace; the same hostile link reads the same twice',
    async run({openApp}) {
      // One page at a time: a second page drawing beside it would be timed with it.
      const values = async (page) => JSON.stringify((await api(page, 'parameters')).map((p) => [p.value, p.grad]));
      const hostile = await openApp('', SMALL);
      await api(hostile, 'step', {unit: 'epoch', count: 10});
      await runClass('determinism', hostile, INPUTS.determinism);
      await api(hostile, 'step', {unit: 'epoch', count: 20});
      const afterHostile = await values(hostile);
      await hostile.close();
      const fresh = await openApp('', SMALL);
      await api(fresh, 'step', {unit: 'epoch', count: 30});
      assert(afterHostile === await values(fresh), 'the rejected inputs changed the training that followed');
      await fresh.close();
      const link = '#v=2&dataset=moons&hidden=3,x&origin=good.example&lr=-1&' + 'k=1&'.repeat(40) + 'seed=5';
      const read = async () => {
        const page = await openApp(link, SMALL);
        const seen = JSON.stringify([await api(page, 'getState'), await api(page, 'parameters'),
                                     await page.evaluate(() => window.backprop.urlWarnings)]);
        await page.close();
        return seen;
      };
      assert(await read() === await read(), 'the same link read differently twice');
      record('determinism', 'rejected', null);
      report('determinism');
    },
  },
];
