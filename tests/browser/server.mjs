// A tiny static file server for a built onderdak site, on 127.0.0.1 and a free port.
// Folders serve their index.html; anything missing gets /404.html with status 404.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/** Starts the server; resolves to { origin, close() }. `log` gets one line per request.
 * `gzip`: compress text responses for clients that accept it (gzip -9, as the files
 * `onderdak build --precompress` writes for nginx's gzip_static). `onSent` gets
 * { req, status, bytes } per response: the header and body bytes written to the socket. */
export function serve(rootDir, { log = null, gzip = false, onSent = null } = {}) {
  const root = path.resolve(rootDir);
  const notFoundPage = path.join(root, '404.html');

  function send(req, res, status, file, extraHeaders = {}) {
    let body;
    try { body = fs.readFileSync(file); } catch { body = null; }
    if (body === null) {
      res.writeHead(status === 200 ? 500 : status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : 'not found\n');
      return;
    }
    const headers = {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    };
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '') && /^(text\/|application\/(json|xml)|image\/svg)/.test(headers['Content-Type'])) {
      body = zlib.gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notFound(req, res) {
    if (isFile(notFoundPage)) send(req, res, 404, notFoundPage);
    else {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : 'not found\n');
    }
  }

  const server = http.createServer((req, res) => {
    if (log) res.on('finish', () => log(`${res.statusCode} ${req.method} ${req.url}`));
    if (onSent) {
      const before = req.socket.bytesWritten;
      res.on('finish', () => onSent({ req, status: res.statusCode, bytes: req.socket.bytesWritten - before }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('bad request\n');
      return;
    }
    if (pathname.includes('\0')) return notFound(req, res);
    const target = path.resolve(root, '.' + pathname);
    if (target !== root && !target.startsWith(root + path.sep)) return notFound(req, res);

    if (isDir(target)) {
      if (!pathname.endsWith('/')) {
        const search = new URL(req.url, 'http://127.0.0.1').search;
        res.writeHead(301, { Location: encodeURI(pathname + '/') + search });
        res.end();
        return;
      }
      const index = path.join(target, 'index.html');
      if (isFile(index)) return send(req, res, 200, index);
      return notFound(req, res);
    }
    if (isFile(target)) return send(req, res, 200, target);
    return notFound(req, res);
  });
  server.keepAliveTimeout = 2000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
          setTimeout(done, 2000).unref();
        }),
      });
    });
  });
}
