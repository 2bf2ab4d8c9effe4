// The inputs of tests/browser/adversarial.test.mjs, by class. Each `src` is a JS
// expression evaluated in the page (or, for postMessage, in a cross-origin parent
// page with a `send(message)` helper); big strings are built there, not sent.
// expect: 'rejected' (refused, nothing changed; `message` must match the error)
// or 'accepted' (a legal, if odd, input); `changes: true` marks a rejection that
// deliberately changes state (a malformed origin= locks the frame).

// A hash through the entry the bridge calls at load; rejected when every field fell back.
const link = (hash) => `((r) => ({ok: r.warningCount === 0, errors: r.warnings}))(backprop.loadUrlHash({hash: ${hash}}))`;
// 17 doubles of 1e300 for the default 2-4-1 net, as w='s f64 payload.
const HUGE_WEIGHTS = "'w=2,4:sigmoid,1:sigmoid,bce,f64:' + btoa(String.fromCharCode(...new Uint8Array(new Float64Array(17).fill(1e300).buffer)))" +
                     ".replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')";
const FLOAT_MAX_WEIGHTS = HUGE_WEIGHTS.replace('f64', 'f32').replace('new Float64Array(17).fill(1e300)', 'new Float32Array(17).fill(3e38)');
const nested = (depth, inner = '0') => `'['.repeat(${depth}) + '${inner}' + ']'.repeat(${depth})`;

const url = [
  {name: 'a 70,000-byte hash', src: link("'x=' + 'a'.repeat(70000)"), expect: 'rejected', message: /70,002 bytes, more than the 64 KiB/},
  {name: 'a 300,000-byte hash', src: link("'x=' + 'a'.repeat(300000)"), expect: 'rejected', message: /params: .* more than the 129 KiB/},
  {name: 'a bad escape', src: link("'lr=%zz'"), expect: 'rejected', message: /learningRate: malformed percent-escape/},
  {name: '100 hidden layers', src: link("'hidden=' + '9,'.repeat(99) + '9'"), expect: 'rejected', message: /hidden: expected at most 64/},
  {name: 'weights that are not base64', src: link("'w=garbage'"), expect: 'rejected', message: /weights: /},
  {name: '60,000 characters of weights', src: link("'w=' + 'A'.repeat(60000)"), expect: 'rejected', message: /weights: /},
  {name: '900 open parentheses', src: link("'expr=' + '('.repeat(900)"), expect: 'rejected', message: /expression: /},
  {name: 'a 5,000-character selection', src: link("'selected=' + 'W'.repeat(5000)"), expect: 'rejected', message: /selected: no parameter "W+…"/},
  {name: 'an unknown version', src: link("'v=999'"), expect: 'rejected', message: /v: unknown link version/},
  {name: 'NUL key and value', src: link("'%00=%00'"), expect: 'rejected', message: /unknown key/},
  {name: 'a sample past kMaxSamples', src: link("'sample=1e9'"), expect: 'rejected', message: /derivationSample: /},
  {name: 'a sample past the 4 training points', src: link("'sample=50'"), expect: 'rejected', message: /derivationSample: expected a training point index from 0 to 3/},
  {name: 'a negative seed', src: link("'seed=-1'"), expect: 'rejected', message: /seed: /},
  {name: 'empty keys', src: link("'=&=&='"), expect: 'rejected', message: /unknown key/},
  {name: 'invalid UTF-8', src: link("'dataset=%E0%A4'"), expect: 'rejected', message: /dataset: not valid UTF-8/},
  {name: '64 copies of a feature', src: link("'features=' + 'x1,'.repeat(63) + 'x1'"), expect: 'rejected', message: /features: .*got 64 items/},
  {name: '64 unknown panels', src: link("'panels=' + 'a,'.repeat(63) + 'a'"), expect: 'rejected', message: /panels: /},
  {name: 'an emoji theme', src: link("'theme=%F0%9F%98%80'"), expect: 'rejected', message: /theme: expected one of/},
  {name: 'an infinite point', src: link("'point=1e999,1'"), expect: 'rejected', message: /point: expected x,y/},
  {name: 'a NaN start', src: link("'d.start=nan,nan'"), expect: 'rejected', message: /descent.start: /},
  {name: 'weights of 1e300', src: link(HUGE_WEIGHTS), expect: 'rejected', message: /weights: layers\[0\]\.weights\[0\]\[0\]: 1e\+300 does not fit/},
  {name: 'origin with a trailing slash', src: link("'origin=https://good.example/'"), expect: 'rejected', changes: true, message: /origin: .*trailing '\/'.*origin=none/},
  {name: 'origin without a scheme', src: link("'origin=good.example'"), expect: 'rejected', changes: true, message: /origin: no scheme/},
  {name: 'origin with port 99999', src: link("'origin=https://good.example:99999'"), expect: 'rejected', changes: true, message: /origin: the port/},
  // Last: it loads, and pauses training with a warning instead of a silent divergence.
  {name: 'weights that overflow the loss', expect: 'accepted', changes: true,
   src: `((r) => { if (!r.warnings.some((w) => /training is paused/.test(w))) throw new Error(JSON.stringify(r.warnings)); return r; })` +
        `(backprop.loadUrlHash({hash: ${FLOAT_MAX_WEIGHTS}}))`},
];

const setState = [
  {name: 'a 10 MB dataset name (the issue)', src: "backprop.setState({dataset: 'x'.repeat(1e7)})", expect: 'rejected', message: /^params: the params' JSON is 10,000,014 bytes, more than the 64 KiB \(65,536 bytes\) setState takes; nothing was changed$/},
  {name: 'JSON of 1,316,407 bytes (the issue)', src: "backprop.setState({dataset: 'x'.repeat(1316407 - 14)})", expect: 'rejected', message: /1,316,407 bytes/},
  {name: 'a million hidden layers (the issue)', src: 'backprop.setState({hidden: new Array(1e6).fill(4)})', expect: 'rejected', message: /^params: .* more than the 64 KiB/},
  {name: 'a 60,000-character dataset name', src: "backprop.setState({dataset: 'x'.repeat(60000)})", expect: 'rejected', message: /^dataset: unknown name "x{40}…"/},
  {name: '8000 copies of a feature', src: "backprop.setState({features: Array(8000).fill('x1')})", expect: 'rejected', message: /got 8000 items/},
  {name: 'derivationSample 1e9 (the issue)', src: 'backprop.setState({derivationSample: 1e9})', expect: 'rejected', message: /from 0 to 3/},
  {name: 'derivationSample 4 on 4 points', src: 'backprop.setState({derivationSample: 4})', expect: 'rejected', message: /from 0 to 3/},
  {name: 'derivationSample -1', src: 'backprop.setState({derivationSample: -1})', expect: 'rejected', message: /derivationSample/},
  {name: 'derivationSample 1.5', src: 'backprop.setState({derivationSample: 1.5})', expect: 'rejected', message: /derivationSample/},
  {name: '100 levels of nesting', src: `backprop.setState({dataset: JSON.parse(${nested(100)})})`, expect: 'rejected', message: /^dataset: nested deeper than 64 levels; nothing was changed$/},
  {name: '100,000 levels of nesting', src: 'backprop.setState((() => { let v = 0; for (let i = 0; i < 1e5; i++) v = [v]; return {dataset: v}; })())', expect: 'rejected', message: /^params: /},
  {name: 'a lone surrogate in a key', src: "backprop.setState({['x\\uD800']: 1})", expect: 'rejected', message: /lone UTF-16 surrogate \(U\+D800\)/},
  {name: 'a lone low surrogate in a value', src: "backprop.setState({dataset: '\\uDC00abc'})", expect: 'rejected', message: /^dataset: character 1 is a lone UTF-16 surrogate \(U\+DC00\)/},
  {name: 'origin with a trailing slash (the issue)', src: "backprop.setState({origin: 'https://good.example/'})", expect: 'rejected', message: /origin.*trailing/},
  {name: 'origin without a scheme (the issue)', src: "backprop.setState({origin: 'good.example'})", expect: 'rejected', message: /origin.*no scheme/},
  {name: 'origin with port 99999 (the issue)', src: "backprop.setState({origin: 'https://good.example:99999'})", expect: 'rejected', message: /origin.*port/},
  {name: 'origin null', src: "backprop.setState({origin: 'null'})", expect: 'rejected', message: /origin.*sandboxed/},
  {name: 'an array', src: 'backprop.setState([1, 2])', expect: 'rejected', message: /expected an object/},
  {name: 'a string', src: "backprop.setState('dataset=circle')", expect: 'rejected', message: /expected an object/},
  {name: 'a cycle', src: 'backprop.setState((() => { const o = {}; o.o = o; return o; })())', expect: 'rejected', message: /^params: must be plain JSON data/},
  {name: 'a BigInt', src: 'backprop.setState({seed: 10n})', expect: 'rejected', message: /^params: must be plain JSON data/},
  {name: 'seed 2^64', src: 'backprop.setState({seed: 2 ** 64})', expect: 'rejected', message: /seed/},
  {name: 'NaN learning rate', src: 'backprop.setState({learningRate: NaN})', expect: 'rejected', message: /learningRate/},
  {name: 'Infinity learning rate', src: 'backprop.setState({learningRate: Infinity})', expect: 'rejected', message: /learningRate/},
  {name: '1025 units', src: 'backprop.setState({hidden: [1025]})', expect: 'rejected', message: /hidden\[0\]/},
  {name: '16 hidden layers', src: 'backprop.setState({hidden: Array(16).fill(2)})', expect: 'rejected', message: /at most 15/},
  {name: 'a billion samples', src: 'backprop.setState({samples: 1e9})', expect: 'rejected', message: /samples/},
  {name: 'batch size 0', src: 'backprop.setState({batchSize: 0})', expect: 'rejected', message: /batchSize/},
  {name: 'an object for a name', src: "backprop.setState({theme: {toString: () => 'dark'}})", expect: 'rejected', message: /theme/},
  {name: '1000 panels', src: "backprop.setState({panels: Array(1000).fill('network')})", expect: 'rejected', message: /panels: expected a list of at most 6/},
  {name: 'a 60,000-character selection', src: "backprop.setState({selected: 'W'.repeat(60000)})", expect: 'rejected', message: /^selected: no parameter "W{40}…"/},
  {name: 'a 1001-character expression', src: "backprop.setState({expression: 'x'.repeat(1001)})", expect: 'rejected', message: /expression/},
  {name: 'a point with a string', src: "backprop.setState({point: {x: 1e308, y: 'a'}})", expect: 'rejected', message: /point/},
  {name: 'a billion descent steps', src: 'backprop.setState({descent: {steps: 1e9}})', expect: 'rejected', message: /descent/},
  {name: 'a Date for a name', src: 'backprop.setState({dataset: new Date(0)})', expect: 'rejected', message: /^dataset: unknown name "1970-/},
  {name: 'a typed array for a list', src: 'backprop.setState({hidden: new Float64Array(3)})', expect: 'rejected', message: /hidden: expected an array/},
  {name: "'yes' for a boolean", src: "backprop.setState({embed: 'yes'})", expect: 'rejected', message: /embed: expected true or false/},
  {name: 'an unknown key', src: 'backprop.setState({launchRockets: 1})', expect: 'rejected', message: /launchRockets: unknown field/},
  {name: 'a __proto__ key (dropped by JSON)', src: "backprop.setState({__proto__: {dataset: 'circle'}})", expect: 'accepted'},
  {name: 'step a billion epochs', src: "backprop.step({unit: 'epoch', count: 1e9})", expect: 'rejected', message: /count/},
  {name: 'select a 2 MB id', src: "backprop.select('x'.repeat(2e6))", expect: 'rejected', message: /^params: .*select takes/},
  {name: 'an unknown method through call()', src: "backprop.call('constructor', 'x'.repeat(1e6))", expect: 'rejected', message: /^unknown method 'constructor'/},
];

// A reply whose result is {ok, errors} (setState, imports), as an error text for the test to match.
const refused = "(r) => ({error: (r.result.ok ? 'applied ' : 'refused ') + JSON.stringify(r.result.errors)})";

const postMessage = [
  {name: "select with 2 MB params (the issue's id 31)", src: "send({id: 31, method: 'select', params: 'x'.repeat(2e6)})", expect: 'error', message: /^params: the params' JSON is 2,000,002 bytes, more than the 64 KiB/},
  {name: 'setState with a 10 MB name', src: "send({id: 1, method: 'setState', params: {dataset: 'x'.repeat(1e7)}})", expect: 'error', message: /more than the 64 KiB/},
  // Chromium decodes a message's data in the frame, about 1 µs an element, before any of the
  // frame's code can look at it (web/bridge.js reads it only for an allowed parent): a million
  // elements take about a second of that alone, so this one is 200,000.
  {name: 'setState with 200,000 layers', src: "send({id: 2, method: 'setState', params: {hidden: Array.from({length: 2e5}, () => 4)}})", expect: 'error', message: /more than the 64 KiB/},
  {name: 'importText of 2 MB of spaces', src: `send({id: 3, method: 'importText', params: {text: ' '.repeat(2e6) + '{}'}}).then(${refused})`, expect: 'error', message: /^refused .*"field":"inputs"/},
  {name: 'an unknown method', src: "send({id: 4, method: 'launchRockets'})", expect: 'error', message: /unknown method 'launchRockets'/},
  {name: 'an object id', src: "send({id: {}, method: 'getState'})", expect: 'error', message: /id must be a string or a number/},
  {name: 'method __proto__', src: "send({id: 6, method: '__proto__'})", expect: 'error', message: /unknown method '__proto__'/},
  {name: 'method constructor with 1 MB', src: "send({id: 7, method: 'constructor', params: 'x'.repeat(1e6)})", expect: 'error', message: /unknown method 'constructor'/},
  {name: 'a missing id', src: "send({method: 'getState'})", expect: 'error', message: /id must be a string or a number/},
  {name: 'a malformed origin', src: `send({id: 8, method: 'setState', params: {origin: 'https://good.example/'}}).then(${refused})`, expect: 'error', message: /^refused .*trailing/},
  {name: 'a lone surrogate id', src: "send({id: 9, method: 'select', params: {id: '\\uD800'}})", expect: 'error', message: /^id: character 1 is a lone UTF-16 surrogate/},
  {name: 'a billion epochs', src: "send({id: 10, method: 'step', params: {unit: 'epoch', count: 1e9}})", expect: 'error', message: /count/},
  {name: '100 levels of nesting', src: `send({id: 11, method: 'setState', params: {dataset: JSON.parse(${nested(100)})}})`, expect: 'error', message: /nested deeper than 64/},
  {name: '500 requests at once', expect: 'error', message: /^500 answered$/,
   src: "Promise.all(Array.from({length: 500}, (_, i) => send({id: 'f' + i, method: 'metrics'}, 5000))).then((r) => ({error: r.filter((x) => x && x.result).length + ' answered'}))"},
  {name: 'a string message', src: "send('hello')", expect: 'ignored'},
  {name: 'an array message', src: 'send([1, 2, 3])', expect: 'ignored'},
  {name: 'a message without a method', src: "send({id: 12, params: 'x'.repeat(1e6)})", expect: 'ignored'},
];

const MODEL_1E309 = `'{\\n  "inputs": 1,\\n  "layers": [{"units": 1, "activation": "linear", "weights": [[1e309]], "biases": [0]}],\\n  "loss": "mse"\\n}'`;
const mermaidLines = (lines) => `'graph LR\\n  I((x)) --> O((y))\\n' + '%% c\\n'.repeat(${lines})`;

const imports = [
  {name: '2 MB of spaces, then {} (the issue)', src: "backprop.importText({text: ' '.repeat(2e6) + '{}', name: 'a.json'})", expect: 'rejected', message: /inputs/},
  {name: '5 MB of text', src: "backprop.importText({text: ' '.repeat(5e6)})", expect: 'rejected', message: /^text: the text is 5,000,000 bytes, more than the 4 MiB \(4,194,304 bytes\) an import takes; nothing was changed$/},
  {name: 'one byte over 4 MiB', src: "backprop.importModel({text: 'x'.repeat(4194305)})", expect: 'rejected', message: /4,194,305 bytes/},
  {name: '1e309 in a model (the issue)', src: `backprop.importModel({text: ${MODEL_1E309}})`, expect: 'rejected', message: /number overflow parsing '1e309' at line 3, column \d+/},
  {name: 'a 100,001-digit number (the issue)', src: "backprop.importModel({text: '{\"inputs\": 1' + '0'.repeat(100000) + '}'})", expect: 'rejected', message: /at line 1, column \d+/},
  {name: 'mermaid with a lone surrogate (the issue)', src: "backprop.importMermaid({text: 'graph LR\\n A((\\uD800)) --> B((b))'})", expect: 'rejected', message: /^text: character 14 is a lone UTF-16 surrogate \(U\+D800\)/},
  {name: 'mermaid of boxes only (the issue)', src: "backprop.importMermaid({text: 'graph LR\\n A(a) --> B(b)\\n B --> C(c)'})", expect: 'rejected', message: /A has no incoming edge, so it would be an input, but it is drawn as a box/},
  {name: 'mermaid of 280 KB', src: "backprop.importMermaid({text: 'graph LR\\n%% ' + 'x'.repeat(280000)})", expect: 'rejected', message: /more than the 256 KiB/},
  {name: 'mermaid of 2001 lines', src: `backprop.importMermaid({text: ${mermaidLines(2001)}})`, expect: 'rejected', message: /more than 2000 lines/},
  {name: 'mermaid of 501 nodes', src: "backprop.importMermaid({text: 'graph LR\\n' + Array.from({length: 501}, (_, i) => 'N' + i).join('\\n')})", expect: 'rejected', message: /more than 500 nodes/},
  {name: '100,000 open brackets', src: "backprop.importModel({text: '['.repeat(1e5)})", expect: 'rejected', message: /nested deeper than 64 levels at line 1, column 65/},
  {name: 'binary garbage', src: "backprop.importText({text: Array.from({length: 5000}, (_, i) => String.fromCharCode((i * 7919) % 256)).join('')})", expect: 'rejected', message: /line \d+, column \d+/},
  {name: 'weights of 1e300', src: "backprop.importModel({text: JSON.stringify({inputs: 1, layers: [{units: 1, activation: 'linear', weights: [[1e300]], biases: [0]}], loss: 'mse'})})", expect: 'rejected', message: /^layers\[0\]\.weights\[0\]\[0\]: 1e\+300 does not fit/},
  {name: 'a billion units', src: "backprop.importModel({text: JSON.stringify({inputs: 2, layers: [{units: 1e9, activation: 'relu', weights: [], biases: []}], loss: 'mse'})})", expect: 'rejected', message: /units/},
  {name: 'a number for the text', src: 'backprop.importText(123)', expect: 'rejected', message: /expected the text/},
  {name: 'a byte-order mark (read past, as JSON allows)', src: "backprop.importModel({text: '\\uFEFF{}'})", expect: 'rejected', message: /^inputs: missing/},
  {name: 'exportMermaid of secrets (the issue)', src: "backprop.exportMermaid({what: 'secrets'})", expect: 'rejected', message: /^what: expected "network" or "graph", got "secrets"$/},
  {name: "exportMermaid with weights 'yes'", src: "backprop.exportMermaid({weights: 'yes'})", expect: 'rejected', message: /^weights: expected true or false$/},
  {name: 'shareLink with weights 1', src: 'backprop.shareLink({weights: 1})', expect: 'rejected', message: /^weights: expected true or false$/},
];

const expression = [
  {name: 'a 1 MB expression', src: "backprop.setExpressionText('x'.repeat(1e6))", expect: 'rejected', message: /^params: .* more than the 64 KiB/},
  {name: '5000 open parentheses', src: "backprop.expression('('.repeat(5000) + 'x')", expect: 'rejected', message: /too long/},
  {name: '70 nested sin', src: "backprop.expression('sin('.repeat(70) + 'x' + ')'.repeat(70))", expect: 'rejected', message: /nest/},
  {name: '1001 characters', src: "backprop.expression('x+'.repeat(500) + 'x')", expect: 'rejected', message: /too long/},
  {name: 'a lone surrogate', src: "backprop.expression('x + \\uD800')", expect: 'rejected', message: /^params: character 5 is a lone UTF-16 surrogate/},
  {name: 'a NUL', src: "backprop.expression('x\\u0000y')", expect: 'rejected', message: /column 2/},
  {name: 'x^^', src: "backprop.expression('x^^')", expect: 'rejected', message: /column/},
  {name: 'an infinite value', src: "backprop.expression({expression: 'exp(exp(exp(x)))', point: {x: 10, y: 0}})", expect: 'accepted'},
  {name: 'a point of 1e308', src: "backprop.expression({expression: 'x*y', point: {x: 1e308, y: 1e308}})", expect: 'accepted'},
  {name: 'a point with a string', src: "backprop.expression({expression: 'x', point: {x: 'a', y: 1}})", expect: 'rejected', message: /x: expected a number/},
  {name: 'descent at learning rate 1e300', src: "(backprop.setState({expression: 'x^2 + y^2', descent: {learningRate: 1e300, steps: 100000}}), backprop.descend())", expect: 'accepted'},
  {name: 'setExpressionText with garbage', src: "backprop.setExpressionText('∂∂∂ ≠ ' + String.fromCharCode(0xFFFF))", expect: 'rejected', message: /column/},
];

const determinism = [
  {name: 'a 10 MB state', src: "backprop.setState({dataset: 'x'.repeat(1e7)})", expect: 'rejected', message: /params/},
  {name: 'a bad import', src: "backprop.importText({text: ' '.repeat(2e6) + '{}'})", expect: 'rejected', message: /inputs/},
  {name: 'a bad selection', src: "backprop.select('W9[9][9]')", expect: 'rejected', message: /no parameter/},
  {name: 'a bad step', src: "backprop.step({unit: 'fortnight'})", expect: 'rejected', message: /unit/},
  {name: 'a bad derivation', src: "backprop.derivation('w99')", expect: 'rejected', message: /id/},
];

export const INPUTS = {url, setState, postMessage, imports, expression, determinism};
