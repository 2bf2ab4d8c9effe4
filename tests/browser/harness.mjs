// Browser test harness: serves dist/ on a free loopback port, drives Debian's
// chromium through playwright-core, and gives each test a fresh page.
import {chromium} from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startServer} from '../../scripts/static-server.mjs';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const SCREENSHOT_DIR = path.join(ROOT, 'build', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic',
];

// The first-visit hints (web/callouts.h) stay out of the tests' screenshots: every page
// starts with all three dismissed (localStorage CALLOUTS_KEY = '7'), unless the tab's
// sessionStorage holds SHOW_CALLOUTS (tests of the hints set it, clear the key and reload).
export const CALLOUTS_KEY = 'backproplens.calloutsDismissed';
export const SHOW_CALLOUTS = 'backproplens.test.showCallouts';

export class AssertionError extends Error {}
export function assert(condition, message) { if (!condition) throw new AssertionError(message); }
export function assertClose(actual, expected, tolerance, what) {
  assert(Number.isFinite(actual) && Math.abs(actual - expected) <= tolerance,
         `${what}: expected ${expected} ± ${tolerance}, got ${actual}`);
}

// Waits for window.backprop.ready, failing early with the page's own message if it shows its error overlay.
export async function waitUntilReady(page) {
  await page.waitForFunction(() => (window.backprop && window.backprop.ready === true) ||
    getComputedStyle(document.getElementById('overlay')).display !== 'none', null, {timeout: 60000});
  const overlay = await page.evaluate(() => getComputedStyle(document.getElementById('overlay')).display !== 'none' &&
    document.getElementById('overlay-message').textContent);
  assert(!overlay, 'the page shows its error overlay: ' + overlay);
}

export async function startHarness() {
  const server = await startServer({root: path.join(ROOT, 'dist'), port: 0});
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: {width: 1280, height: 800}, deviceScaleFactor: 1,
  });
  await context.addInitScript(([key, show]) => {
    try {
      if (sessionStorage.getItem(show) === null) localStorage.setItem(key, '7');
    } catch (e) {}  // a frame without storage (sandboxed, about:blank) shows no hints anyway
  }, [CALLOUTS_KEY, SHOW_CALLOUTS]);
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  fs.mkdirSync(SCREENSHOT_DIR, {recursive: true});

  // A phone (touch, a coarse pointer, mobile viewport rules) needs its own context: Playwright
  // sets isMobile and hasTouch per context. Started on first use.
  let phoneContext = null, phoneDataDir = null;
  async function phone() {
    if (!phoneContext) {
      phoneDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-chromium-phone-'));
      phoneContext = await chromium.launchPersistentContext(phoneDataDir, {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
        viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
      });
    }
    return phoneContext;
  }

  // Opens the app (optionally with a query/hash) and waits for window.backprop.ready.
  // {mobile: true}: in the phone context (390×844 unless a viewport is given).
  // Console errors and page errors are collected in page.errors.
  async function openApp(suffix = '', {viewport, mobile = false} = {}) {
    const page = await (mobile ? await phone() : context).newPage();
    if (viewport) await page.setViewportSize(viewport);
    page.errors = [];
    page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
    page.on('pageerror', (error) => page.errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(baseUrl) && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
        page.errors.push('external request: ' + request.url());
    });
    await page.goto(baseUrl + suffix);
    await waitUntilReady(page);
    return page;
  }

  async function screenshot(page, name) {
    const file = path.join(SCREENSHOT_DIR, name + '.png');
    await page.screenshot({path: file});
    return file;
  }

  async function close() {
    if (phoneContext) {
      await phoneContext.close();
      fs.rmSync(phoneDataDir, {recursive: true, force: true});
    }
    await context.close();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(userDataDir, {recursive: true, force: true});
  }

  return {baseUrl, openApp, screenshot, close, context, phone};
}
