// origin= with a real cross-origin parent (tests/browser/cross_origin.mjs: the
// parent at http://localhost:<port>, the frame at http://127.0.0.1:<port>). A valid
// origin= is normalised and answered; a malformed one answers no one (the
// frame stays alive and says why); an unset one answers any parent.
import {assert} from './harness.mjs';
import {openCrossOriginEmbed} from './cross_origin.mjs';

// A request from the parent: its reply, or null after a second without one.
const request = (parent, method, params) => parent.evaluate(([m, p]) => Promise.race([
  window.embedDemo.call(m, p).then((result) => ({result}), (error) => ({error: error.message})),
  new Promise((resolve) => setTimeout(() => resolve(null), 1000)),
]), [method, params]);

export const tests = [
  {
    name: 'origin=: a valid one (any case, default port) is answered; a malformed one answers no one and says so',
    async run({context, baseUrl}) {
      const port = new URL(baseUrl).port;
      const rows = [
        // [origin= as the author wrote it, answered?, the frame's origin state, warning fragment]
        [null, true, '', null],
        [`HTTP://LOCALHOST:${port}`, true, `http://localhost:${port}`, null],
        [`http://localhost:${port}/`, false, 'none', "trailing '/'"],
        [`localhost:${port}`, false, 'none', 'no scheme'],
        ['http://localhost:99999', false, 'none', 'the port must be a number from 1 to 65535'],
        [`http://127.0.0.1:${port}`, false, `http://127.0.0.1:${port}`, null],  // valid, but not this parent
        ['none', false, 'none', null],
      ];
      for (const [origin, answered, state, warning] of rows) {
        const hash = `embed=1&hidden=2${origin === null ? '' : '&origin=' + encodeURIComponent(origin)}`;
        const {parent, frame} = await openCrossOriginEmbed(context, baseUrl, hash);
        const what = `origin=${origin}`;
        const frameState = await frame.evaluate(() => window.backprop.getState().origin);
        assert(frameState === state, `${what}: the frame's origin is ${JSON.stringify(frameState)}, expected ${JSON.stringify(state)}`);
        const warnings = await frame.evaluate(() => window.backprop.urlWarnings);
        if (warning) assert(warnings.some((w) => w.startsWith('origin: ') && w.includes(warning)), `${what}: warnings ${JSON.stringify(warnings)}`);
        else assert(warnings.length === 0, `${what}: unexpected warnings ${JSON.stringify(warnings)}`);
        await parent.waitForTimeout(500);  // the load's own events (ready, resize) come and go
        await parent.evaluate(() => { window.embedDemo.events.length = 0; });
        const reply = await request(parent, 'step', {unit: 'epoch', count: 2});
        if (answered) assert(reply && reply.result && reply.result.epoch === 2, `${what}: expected an answer, got ${JSON.stringify(reply)}`);
        else assert(reply === null, `${what}: answered a parent it must not: ${JSON.stringify(reply)}`);
        // Not answered means not obeyed either.
        const epoch = await frame.evaluate(() => window.backprop.metrics().epoch);
        assert(epoch === (answered ? 2 : 0), `${what}: the frame is at epoch ${epoch}`);
        // Training inside the frame makes epoch events; only an allowed parent gets them.
        await frame.evaluate(() => window.backprop.step({unit: 'epoch', count: 3}));
        await parent.waitForTimeout(700);  // events are polled 4 times a second
        const events = await parent.evaluate(() => window.embedDemo.events.map((e) => e.event));
        assert(events.includes('epoch') === answered, `${what}: events that reached the parent: ${JSON.stringify(events)}`);
        await parent.close();
      }
    },
  },
  {
    name: 'origin=: setState applies the same rules at once, and a malformed one changes nothing',
    async run({context, baseUrl}) {
      const port = new URL(baseUrl).port;
      const {parent, frame} = await openCrossOriginEmbed(context, baseUrl, 'embed=1&hidden=2');
      const bad = await request(parent, 'setState', {origin: `http://localhost:${port}/`});
      assert(bad && bad.result && !bad.result.ok && bad.result.errors[0].field === 'origin', `malformed: ${JSON.stringify(bad)}`);
      assert((await frame.evaluate(() => window.backprop.getState().origin)) === '', 'a refused origin changed the state');
      const good = await request(parent, 'setState', {origin: `HTTP://Localhost:${port}`});
      assert(good && good.result && good.result.ok, `valid: ${JSON.stringify(good)}`);
      assert((await frame.evaluate(() => window.backprop.getState().origin)) === `http://localhost:${port}`, 'not normalised');
      assert(await request(parent, 'metrics'), 'the allowed parent is no longer answered');
      const locked = await request(parent, 'setState', {origin: 'https://elsewhere.example'});
      assert(locked && locked.result && locked.result.ok, `lock: ${JSON.stringify(locked)}`);
      assert(await request(parent, 'metrics') === null, 'a parent that is no longer allowed is still answered');
      await parent.close();
    },
  },
];
