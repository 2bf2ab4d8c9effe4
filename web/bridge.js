// window.backprop: the page's JS API. Every method is a thin wrapper over the
// engine's one exported entry point, bpl_api_call(method, paramsJson) (web/js_api.cpp).
'use strict';
window.BackpropBridge = (function () {
  const api = {ready: false, version: null, build: null};
  window.backprop = api;
  let callEngine = null;

  // Calls an engine method; throws Error(message) when the engine reports a failure.
  function invoke(method, params) {
    if (!callEngine) throw new Error('BackpropLens is still loading');
    const reply = JSON.parse(callEngine(String(method), JSON.stringify(params === undefined ? null : params)));
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  return {
    attach(module) {
      callEngine = module.cwrap('bpl_api_call', 'string', ['string', 'string']);
      const info = invoke('info');
      api.version = info.version;
      api.build = info.build;
      api.call = invoke;
      api.methods = info.methods;
      // One JS method per engine method: backprop.step({unit: 'epoch', count: 5}), backprop.select('w1'), ...
      for (const name of info.methods) {
        if (!(name in api)) api[name] = (...args) => invoke(name, args.length <= 1 ? args[0] : args);
      }
    },
    ready() {
      api.ready = true;
      window.dispatchEvent(new CustomEvent('backprop:ready', {detail: {version: api.version, build: api.build}}));
    },
    invoke,
  };
})();
