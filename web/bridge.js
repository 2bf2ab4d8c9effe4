// window.backprop: the page's JS API, and the same API for a parent page
// through postMessage. Every method is a thin wrapper over the engine's one
// exported entry point, bpl_api_call(method, paramsJson) (web/js_api.cpp).
'use strict';
window.BackpropBridge = (function () {
  const api = {ready: false, version: null, build: null};
  window.backprop = api;
  let callEngine = null;
  let methods = [];

  // Calls an engine method; throws Error(message) when the engine reports a failure.
  function invoke(method, params) {
    if (!callEngine) throw new Error('BackpropLens is still loading');
    const reply = JSON.parse(callEngine(String(method), JSON.stringify(params === undefined ? null : params)));
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
  const embed = {origin: null};  // the parent origin we answer; null: any
  function postToParent(message) {
    if (window.parent === window) return;
    window.parent.postMessage(Object.assign({source: 'backproplens'}, message), embed.origin || '*');
  }
  function emit(event, data) { postToParent({event, data}); }

  function onMessage(event) {
    if (event.source !== window.parent || window.parent === window) return;
    if (embed.origin && event.origin !== embed.origin) return;  // origin= restricts who is answered
    const message = event.data;
    if (!message || typeof message !== 'object' || Array.isArray(message) || !('method' in message)) return;
    const id = message.id;
    const reply = (body) => event.source.postMessage(Object.assign({source: 'backproplens', id}, body),
                                                   event.origin === 'null' ? '*' : event.origin);
    if (typeof id !== 'string' && typeof id !== 'number') return reply({error: 'id must be a string or a number'});
    if (typeof message.method !== 'string' || !methods.includes(message.method))
      return reply({error: `unknown method '${String(message.method).slice(0, 80)}'; known: ${methods.join(', ')}`});
    let params = message.params === undefined ? null : message.params;
    try {
      params = JSON.parse(JSON.stringify(params));  // plain data only: nothing is evaluated as code
    } catch (error) {
      return reply({error: 'params must be plain JSON data'});
    }
    let result;
    try {
      result = callMethod(message.method, params);
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
  function pickFile(accept) {
    const input = Object.assign(document.createElement('input'), {type: 'file', accept});
    input.onchange = () => {
      const file = input.files && input.files[0];
      if (!file) return;
      if (file.size > 4 * 1048576) { invoke('importText', {text: '', name: file.name, error: 'file larger than 4 MiB'}); return; }
      file.text().then((text) => invoke('importText', {text, name: file.name}));
    };
    input.click();
  }

  return {
    attach(module) {
      callEngine = module.cwrap('bpl_api_call', 'string', ['string', 'string']);
      const info = invoke('info');
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
      const loaded = invoke('loadUrlHash', {hash: location.hash.replace(/^#/, ''), prefersDark});
      api.urlWarnings = loaded.warnings;
      embed.origin = loaded.origin || null;
      lastHash = null;
      syncHash();
      setInterval(syncHash, 500);
      window.addEventListener('message', onMessage);
      setInterval(pollEvents, 250);
    },
    ready() {
      api.ready = true;
      window.dispatchEvent(new CustomEvent('backprop:ready', {detail: {version: api.version, build: api.build}}));
      emit('ready', {version: api.version, build: api.build});
      pollEvents();
    },
    invoke,
    stepEnded,
    download,
    downloadCanvasPng,
    pickFile,
  };
})();
