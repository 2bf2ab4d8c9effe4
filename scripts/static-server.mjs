// A small static file server for dist/: used by ./scripts/serve and the browser tests.
// Usage as a program: node scripts/static-server.mjs ROOT PORT [HOST]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
};

// Resolves with the listening server; rejects with a readable message if the port is taken.
export function startServer({root, port = 0, host = '127.0.0.1'}) {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    let file = path.join(base, path.normalize(urlPath));
    if (!file.startsWith(base)) { response.writeHead(403).end('forbidden'); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (error, data) => {
      if (error) { response.writeHead(404, {'Content-Type': 'text/plain'}).end('not found: ' + urlPath); return; }
      response.writeHead(200, {'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
                               'Content-Length': data.length, 'Cache-Control': 'no-cache'});
      response.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(error.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use; stop the other server or set PORT=another`
      : `could not listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [root, port, host = '127.0.0.1'] = process.argv.slice(2);
  startServer({root, port: Number(port), host}).then((server) => {
    console.log(`BackpropLens is being served at http://${host}:${server.address().port}/  (Ctrl+C stops)`);
  }, (error) => { console.error('error: ' + error.message); process.exit(1); });
}
