// A parent page on another origin than the frame, as a hostile or a tutorial site would be:
// the parent is served from http://localhost:<port>, the frame from http://127.0.0.1:<port>,
// so the frame sees event.origin === 'http://localhost:<port>'. The parent is the embed
// example (web/embed-example.html: window.embedDemo.call, .events) with its iframe's src
// replaced, written into a page of the localhost origin, so only one engine loads.
import fs from 'node:fs';
import path from 'node:path';
import {assert, ROOT} from './harness.mjs';

export const parentBaseOf = (baseUrl) => baseUrl.replace('127.0.0.1', 'localhost');

// {parent, frame} once the frame's engine is ready (its `ready` event may be withheld from this parent).
// initScript runs first in the parent and in the frame (Playwright's page.addInitScript).
export async function openCrossOriginEmbed(context, baseUrl, frameHash, {initScript} = {}) {
  const frameUrl = `${baseUrl}index.html#${frameHash}`;
  const html = fs.readFileSync(path.join(ROOT, 'web', 'embed-example.html'), 'utf8')
    .replace(/src="index\.html#[^"]*"/, () => `src="${frameUrl}"`);
  const parent = await context.newPage();
  if (initScript) await parent.addInitScript(initScript);
  await parent.goto(parentBaseOf(baseUrl) + 'a-page-of-this-origin');  // a 404 page: only its origin matters
  await parent.setContent(html);
  let frame = null;
  for (let tries = 0; tries < 600 && !frame; tries++) {
    frame = parent.frames().find((f) => f.url() === frameUrl);
    if (!frame) await parent.waitForTimeout(100);
  }
  assert(frame, `the frame ${frameUrl} did not load`);
  await frame.waitForFunction(() => window.backprop && window.backprop.ready === true, null, {timeout: 60000});
  return {parent, frame};
}
