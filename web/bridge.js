// window.backprop: the page's JS API, and the same API for a parent page
// through postMessage. Every method is a thin wrapper over the engine's one
// exported entry point, bpl_api_call(method, paramsJson) (web/js_api.cpp).
//
// Input limits (README "Input limits", engine/core/input_limits.h): the engine
// states its caps once (info().limits); every call's params are checked here
// against them before a byte is copied into wasm memory, and copied through
// malloc'd heap memory, never the 5 MB wasm stack (cwrap's 'string' arguments
// go on the stack: a 1.3 MB argument overflowed it and killed the engine).
'use strict';
window.BackpropBridge = (function () {
  const api = {ready: false, version: null, build: null};
  window.backprop = api;
  let engine = null;  // the Emscripten module once attached
  let limits = null;  // info().limits
  let methods = [];
  let onScreen = true;  // the canvas intersects the viewport (IntersectionObserver)
  const IMPORT_METHODS = ['importText', 'importModel', 'importMermaid'];

  // ---- Messages in the engine's words (engine/core/input_limits.cpp, over_cap).
  const withCommas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  function sizeText(bytes) {
    if (bytes >= 1048576 && bytes % 1048576 === 0) return bytes / 1048576 + ' MiB';
    if (bytes >= 1024 && bytes % 1024 === 0) return bytes / 1024 + ' KiB';
    return withCommas(bytes) + ' bytes';
  }
  function overCap(field, what, bytes, cap, reader) {
    const limit = sizeText(cap) + (cap % 1024 === 0 ? ` (${withCommas(cap)} bytes)` : '');
    return `${field}: ${what} is ${withCommas(bytes)} bytes, more than the ${limit} ${reader} takes; nothing was changed`;
  }

  // UTF-8 bytes without copying: a string of n UTF-16 units has at least n bytes.
  function utf8Bytes(text) { return engine.lengthBytesUTF8(text); }

  // The first lone UTF-16 surrogate in `text` (JSON can carry it as \ud800, but it is not text), or -1.
  function loneSurrogateAt(text) {
    const match = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])([\uDC00-\uDFFF])/.exec(text);
    if (!match) return -1;
    return match[1] === undefined ? match.index : match.index + match[0].length - 1;
  }

  // What is wrong with plain JSON data `value` at `path` (in the top-level field `field`):
  // nesting past the cap (named by the field) or a lone surrogate (named by its path); null if nothing.
  function findProblem(value, path, depth, field = path) {
    const name = (key) => (path === 'params' ? key : `${path}.${key}`);
    const top = (key) => (path === 'params' ? key : field);
    if (typeof value === 'string') {
      const at = loneSurrogateAt(value);
      if (at < 0) return null;
      const code = value.charCodeAt(at).toString(16).toUpperCase();
      return `${path}: character ${at + 1} is a lone UTF-16 surrogate (U+${code}), which is not text; remove it or complete the pair; nothing was changed`;
    }
    if (value === null || typeof value !== 'object') return null;
    if (depth + 1 > limits.jsonDepth) return `${field}: nested deeper than ${limits.jsonDepth} levels; nothing was changed`;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = findProblem(value[i], `${path}[${i}]`, depth + 1, field);
        if (problem) return problem;
      }
      return null;
    }
    for (const key of Object.keys(value)) {
      const problem = findProblem(key, name(key), depth + 1, top(key)) || findProblem(value[key], name(key), depth + 1, top(key));
      if (problem) return problem;
    }
    return null;
  }

  // params → the JSON text the engine gets; throws Error naming the field when it breaks a cap.
  function paramsJson(method, params) {
    let text;
    try {
      text = JSON.stringify(params === undefined ? null : params);
    } catch (error) {
      throw new Error(`params: must be plain JSON data (${error.message}); nothing was changed`);
    }
    if (text === undefined) text = 'null';  // a function or a symbol
    const cap = Object.prototype.hasOwnProperty.call(limits.paramsBytes, method) ? limits.paramsBytes[method] : limits.paramsBytes.default;
    if (text.length > cap || utf8Bytes(text) > cap) throw new Error(overCap('params', "the params' JSON", utf8Bytes(text), cap, method));
    const plain = JSON.parse(text);  // what the engine will read: toJSON applied, functions dropped
    const problem = findProblem(plain, 'params', 0);
    if (problem) throw new Error(problem);
    const importText = typeof plain === 'string' ? plain : plain && typeof plain.text === 'string' ? plain.text : null;
    if (IMPORT_METHODS.includes(method) && importText !== null && utf8Bytes(importText) > limits.importTextBytes) {
      throw new Error(overCap('text', 'the text', utf8Bytes(importText), limits.importTextBytes, 'an import'));
    }
    return text;
  }

  // A string on the wasm heap (0 when memory is exhausted); the caller frees it.
  function toHeap(text) {
    const size = engine.lengthBytesUTF8(text) + 1;
    const pointer = engine._malloc(size);
    if (pointer) engine.stringToUTF8(text, pointer, size);
    return pointer;
  }
  function callEngine(method, json) {
    const methodPointer = toHeap(method), paramsPointer = toHeap(json);
    try {
      if (!methodPointer || !paramsPointer) throw new Error('params: the engine is out of memory for this call; nothing was changed');
      return engine.UTF8ToString(engine._bpl_api_call(methodPointer, paramsPointer));
    } finally {
      if (methodPointer) engine._free(methodPointer);
      if (paramsPointer) engine._free(paramsPointer);
    }
  }

  // Calls an engine method; throws Error(message) when the engine reports a failure.
  function invoke(method, params) {
    if (!engine) throw new Error('BackpropLens is still loading');
    method = String(method);
    if (limits && !methods.includes(method)) {  // nothing to copy for a method that does not exist
      throw new Error(`unknown method '${method.slice(0, 80)}'; known: ${methods.join(', ')}`);
    }
    const json = limits ? paramsJson(method, params) : JSON.stringify(params === undefined ? null : params);
    const reply = JSON.parse(callEngine(method, json));
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  // ---- step(): the engine does a step at once when it fits its budget and answers
  // {status, epoch}; a longer one runs across frames and answers {pending: true, id},
  // and the engine settles it through stepEnded(id, result) when it ends
  // (result.stopped when pause(), Stop or reset() ended it first).
  const pendingSteps = new Map();  // id → resolve
  function step(params) {
    const result = invoke('step', params);
    if (!result || result.pending !== true) return result;
    return new Promise((resolve) => pendingSteps.set(result.id, resolve));
  }
  function stepEnded(id, result) {
    const resolve = pendingSteps.get(id);
    pendingSteps.delete(id);
    if (resolve) resolve(result);
  }
  // The method as the page calls it: step may give a Promise, every other method a value.
  const callMethod = (method, params) => (method === 'step' ? step(params) : invoke(method, params));

  // ---- URL state: the hash follows the state, replaceState so history is not flooded.
  let lastHash = null;
  function syncHash() {
    try {
      const hash = invoke('urlHash', null);
      if (hash !== lastHash) {
        lastHash = hash;
        history.replaceState(null, '', location.pathname + location.search + (hash ? '#' + hash : ''));
      }
    } catch (error) { console.warn('url state: ' + error.message); }
  }

  // ---- postMessage bridge: requests {id, method, params} → replies {id, result} | {id, error}.
  // Events to the parent: {source: 'backproplens', event, data}.
  // Who may drive the frame is the engine's origin state (origin=, engine/formats/origin.h), read at
  // each message so that setState({origin}) applies at once: '' any parent, 'none' no parent, else
  // exactly that origin. If it cannot be read, no one is answered.
  function allowedOrigin() {
    try { return invoke('getState').origin; } catch (error) { return 'none'; }
  }
  function postToParent(message) {
    if (window.parent === window) return;
    const allowed = allowedOrigin();
    if (allowed === 'none') return;
    window.parent.postMessage(Object.assign({source: 'backproplens'}, message), allowed || '*');
  }
  function emit(event, data) { postToParent({event, data}); }

  function onMessage(event) {
    if (event.source !== window.parent || window.parent === window) return;
    const allowed = allowedOrigin();
    if (allowed === 'none' || (allowed && event.origin !== allowed)) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || Array.isArray(message) || !('method' in message)) return;
    const id = message.id;
    const reply = (body) => event.source.postMessage(Object.assign({source: 'backproplens', id}, body),
                                                   event.origin === 'null' ? '*' : event.origin);
    if (typeof id !== 'string' && typeof id !== 'number') return reply({error: 'id must be a string or a number'});
    if (typeof message.method !== 'string' || !methods.includes(message.method))
      return reply({error: `unknown method '${String(message.method).slice(0, 80)}'; known: ${methods.join(', ')}`});
    let result;
    try {
      result = callMethod(message.method, message.params);  // plain data only: nothing is evaluated as code
    } catch (error) {
      return reply({error: error.message});
    }
    // A step that runs across frames is answered when it ends.
    Promise.resolve(result).then((value) => reply({result: value}), (error) => reply({error: error.message}));
  }

  // Events are found by polling the engine's state a few times a second (throttled by design).
  // eventState is cheap: the epoch event carries the last recorded epoch's losses (the
  // curve's last point), so polling never makes a pass over the data of a large net.
  const seen = {epoch: null, selected: null, status: null, height: null};
  function pollEvents() {
    let state;
    try { state = invoke('eventState'); } catch (error) { return; }
    if (state.lastEpoch && state.lastEpoch.epoch !== seen.epoch) {
      seen.epoch = state.lastEpoch.epoch;
      emit('epoch', state.lastEpoch);
    }
    if (state.selected !== seen.selected) {
      seen.selected = state.selected;
      emit('select', {id: state.selected});
    }
    if (state.status !== seen.status) {
      if (state.status === 'diverged') emit('diverged', {message: state.message, epoch: state.epoch});
      seen.status = state.status;
    }
    if (state.contentHeight !== seen.height) {
      seen.height = state.contentHeight;
      emit('resize', {height: state.contentHeight});
    }
  }

  // ---- Browser services the engine asks for (web/platform.cpp).
  function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), {href: url, download: filename});
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  const download = (filename, mime, text) => saveBlob(new Blob([text], {type: mime}), filename);
  const downloadCanvasPng = () => document.getElementById('canvas').toBlob((blob) => saveBlob(blob, 'backproplens.png'), 'image/png');
  // Opens a file picker; the chosen file's text goes to the engine's importText.
  // The picked file goes to importText; its result is the `backprop:import` event's detail
  // ({ok, errors}). A file the engine cannot take is reported the same way, never thrown from a handler.
  function pickFile(accept) {
    const input = Object.assign(document.createElement('input'), {type: 'file', accept});
    const done = (result) => window.dispatchEvent(new CustomEvent('backprop:import', {detail: result}));
    const refuse = (name, error) => {
      try { invoke('importText', {text: '', name: String(name).slice(0, 200), error}); } catch (e) { console.warn(e.message); }
      done({ok: false, errors: [{field: 'file', message: error}]});
    };
    input.onchange = () => {
      const file = input.files && input.files[0];
      if (!file) return;
      if (file.size > limits.importTextBytes) {
        const message = overCap('file', `"${file.name.slice(0, 80)}"`, file.size, limits.importTextBytes, 'an import');
        refuse(file.name, message.slice('file: '.length));
        return;
      }
      file.text().then((text) => done(invoke('importText', {text, name: file.name.slice(0, 200)})))
        .catch((error) => refuse(file.name, error.message));
    };
    input.click();
  }

  return {
    attach(module) {
      engine = module;
      const info = invoke('info');
      limits = info.limits;
      api.limits = limits;
      api.version = info.version;
      api.build = info.build;
      api.call = invoke;
      api.step = step;
      methods = info.methods;
      api.methods = methods;
      // One JS method per engine method: backprop.step({unit: 'epoch', count: 5}), backprop.select('w1'), ...
      for (const name of methods) {
        if (!(name in api)) api[name] = (...args) => invoke(name, args.length <= 1 ? args[0] : args);
      }
      // The state in the URL: warnings for fields that fell back to defaults are shown by the app.
      const prefersDark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
      // A hash over its cap is not copied: the engine gets its length and says so.
      const hashLength = utf8Bytes(location.hash);
      const loaded = invoke('loadUrlHash', hashLength > limits.urlHashBytes ? {hashLength, prefersDark}
                                                                              : {hash: location.hash.replace(/^#/, ''), prefersDark});
      api.urlWarnings = loaded.warnings;
      lastHash = null;
      syncHash();
      setInterval(syncHash, 500);
      window.addEventListener('message', onMessage);
      setInterval(pollEvents, 250);
      // An embed scrolled out of view draws and trains nothing until it is back (web/app.h, wants_frame).
      const canvas = document.getElementById('canvas');
      if (canvas && 'IntersectionObserver' in window) {
        new IntersectionObserver((entries) => { onScreen = entries[entries.length - 1].isIntersecting; }).observe(canvas);
      }
    },
    ready() {
      api.ready = true;
      window.dispatchEvent(new CustomEvent('backprop:ready', {detail: {version: api.version, build: api.build}}));
      emit('ready', {version: api.version, build: api.build});
      pollEvents();
    },
    invoke,
    isOnScreen: () => onScreen,
    stepEnded,
    download,
    downloadCanvasPng,
    pickFile,
  };
})();
