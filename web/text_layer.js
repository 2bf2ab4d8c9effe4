// The page outside the canvas (README "Text layer", web/text_layer.h):
//   update(layer)      the engine's sections as headings and paragraphs in #text-layer,
//                      touching only the elements whose text changed
//   announce(text)     a status change for screen readers (aria-live), once per call
//   toggleTextView()   #text-layer as a visible panel of selectable text, and back
//   showShortcuts()    the "?" dialog, its rows from backprop.shortcuts() (web/keyboard.cpp)
//   key routing        keys meant for a DOM control never reach the engine, and Tab
//                      always moves the browser's focus (see routeKey)
// Nothing here runs on a timer or asks for a frame: the page stays idle when idle.
'use strict';
window.BackpropText = (function () {
  const byId = (id) => document.getElementById(id);
  const GROUPS = ['Everywhere', 'Network demo', 'f(x, y) demo'];
  let dialogReturnFocus = null;

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  // Children of `parent` made to be exactly `count` elements of `tag`.
  function resizeChildren(parent, tag, count) {
    while (parent.children.length > count) parent.lastElementChild.remove();
    while (parent.children.length < count) parent.appendChild(document.createElement(tag));
    return parent.children;
  }

  function sectionElement(root, key) {
    for (const element of root.children) if (element.dataset.key === key) return element;
    const element = document.createElement('section');
    element.dataset.key = key;
    element.append(document.createElement('h3'), document.createElement('div'));
    return element;
  }

  function update(layer) {
    document.documentElement.dataset.theme = layer.theme;
    const root = byId('text-layer-sections');
    root.dataset.demo = layer.demo;
    const wanted = layer.sections.map((section, index) => {
      const element = sectionElement(root, section.key);
      if (root.children[index] !== element) root.insertBefore(element, root.children[index] || null);
      const [heading, body] = element.children;
      setText(heading, section.heading);
      const paragraphs = resizeChildren(body, 'p', section.lines.length);
      section.lines.forEach((line, i) => setText(paragraphs[i], line));
      return element;
    });
    for (const element of [...root.children]) if (!wanted.includes(element)) element.remove();
  }

  // The same text twice in a row is still a change for the screen reader: a no-break space toggles.
  function announce(text, assertive) {
    const region = byId(assertive ? 'announce-assertive' : 'announce-polite');
    region.textContent = region.textContent === text ? text + '\u00a0' : text;
  }

  // ---- Text view: the same #text-layer, shown.
  function setTextView(open) {
    const layer = byId('text-layer');
    layer.classList.toggle('open', open);
    layer.tabIndex = open ? 0 : -1;  // when open it scrolls: the keyboard can reach it
    byId('text-view-close').hidden = !open;
    const toggle = byId('text-view-toggle');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide text view' : 'Text view';
  }
  const textViewOpen = () => byId('text-layer').classList.contains('open');
  function toggleTextView() { setTextView(!textViewOpen()); }

  // ---- The "?" dialog.
  function fillShortcuts() {
    const body = byId('shortcuts-body');
    if (body.children.length || !window.backprop || !window.backprop.ready) return;
    const rows = window.backprop.shortcuts();
    for (const group of GROUPS) {
      const table = document.createElement('table');
      const caption = table.createCaption();
      caption.textContent = group;
      for (const row of rows.filter((r) => r.where === group)) {
        const tr = table.insertRow();
        const keys = document.createElement('th');
        keys.scope = 'row';
        keys.textContent = row.keys;
        tr.appendChild(keys);
        tr.insertCell().textContent = row.what;
      }
      body.appendChild(table);
    }
  }
  const shortcutsOpen = () => !byId('shortcuts').hidden;
  function showShortcuts() {
    if (shortcutsOpen()) return;
    fillShortcuts();
    dialogReturnFocus = document.activeElement;
    byId('shortcuts').hidden = false;
    byId('shortcuts-close').focus();
  }
  function closeShortcuts() {
    if (!shortcutsOpen()) return;
    byId('shortcuts').hidden = true;
    const back = dialogReturnFocus && document.contains(dialogReturnFocus) ? dialogReturnFocus : byId('canvas');
    back.focus();
  }

  // ---- Keys. Emscripten's GLFW listens on window and calls preventDefault on Tab, so without
  // this the browser's focus never moves, and Space on a focused button would also play/pause.
  // Listeners added here run before GLFW's (this script loads first).
  // The canvas, the page itself, or no element (an event sent to window, as an embedding page may).
  function toEngine(target) {
    return !(target instanceof Element) || target === byId('canvas') || target === document.body ||
           target === document.documentElement;
  }
  function isTextField(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  // Releases always go through: a key the engine saw pressed must not stay down in it.
  function routeKey(event) {
    if (event.type === 'keyup') return;
    const keydown = event.type === 'keydown';
    if (shortcutsOpen()) {
      event.stopImmediatePropagation();
      if (keydown && event.key === 'Escape') { event.preventDefault(); closeShortcuts(); }
      if (keydown && event.key === 'Tab') { event.preventDefault(); byId('shortcuts-close').focus(); }  // a modal keeps the focus
      return;
    }
    if (event.key === 'Tab') {  // the browser moves the focus; the engine never sees Tab
      event.stopImmediatePropagation();
      return;
    }
    if (toEngine(event.target)) return;  // the canvas's keys: web/keyboard.cpp
    event.stopImmediatePropagation();
    if (!keydown || isTextField(event.target)) return;
    if (event.key === '?') { event.preventDefault(); showShortcuts(); }
    if (event.key === 'Escape' && textViewOpen() && byId('text-layer').contains(event.target)) {
      setTextView(false);
      byId('text-view-toggle').focus();
    }
  }
  for (const type of ['keydown', 'keypress', 'keyup']) window.addEventListener(type, routeKey, true);

  document.addEventListener('DOMContentLoaded', () => {
    byId('text-view-toggle').addEventListener('click', toggleTextView);
    byId('text-view-close').addEventListener('click', () => { setTextView(false); byId('text-view-toggle').focus(); });
    byId('shortcuts-toggle').addEventListener('click', showShortcuts);
    byId('shortcuts-close').addEventListener('click', closeShortcuts);
    byId('shortcuts').addEventListener('click', (event) => { if (event.target === byId('shortcuts')) closeShortcuts(); });
  });

  return {update, announce, toggleTextView, showShortcuts, closeShortcuts};
})();
