import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import { errorBody } from "../../plugins/errors.ts";

/** Where `vite build` writes the web app (web/vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};

/** Hashed assets sent gzipped to browsers that take it (antd's stylesheet: 980 KB, 107 KB gzipped). */
const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".json", ".svg", ".txt", ".map", ".webmanifest"]);
const MIN_COMPRESS_BYTES = 1024;
const gzip = promisify(zlib.gzip);

/** Paths that belong to the API and its documentation: never answered with the web app. */
const RESERVED = /^\/(api|docs|open311)(\/|$)/;

export interface WebOptions {
  /** The built app; defaults to web/dist. */
  distDir?: string;
}

/**
 * Serves the built web app: files under /assets/ carry a content hash in their name and are cached
 * for a year; every other path that is not a file is a client-side route and gets index.html,
 * which is never cached so a new build is picked up at once.
 */
export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, opts) => {
  const root = path.resolve(opts.distDir ?? WEB_DIST);
  // Each asset is compressed once (off the event loop) and kept: its name carries its content hash.
  const gzipped = new Map<string, { version: string; body: Promise<Buffer> }>();
  const gzipOf = (file: string, stat: fs.Stats): Promise<Buffer> => {
    const version = `${stat.size}:${stat.mtimeMs}`;
    const hit = gzipped.get(file);
    if (hit?.version === version) return hit.body;
    const body = fs.promises.readFile(file).then((raw) => gzip(raw, { level: 9 }));
    body.catch(() => gzipped.delete(file));
    gzipped.set(file, { version, body });
    return body;
  };

  const sendFile = async (
    reply: FastifyReply,
    file: string,
    stat: fs.Stats,
    isIndex: boolean,
    acceptEncoding: string | undefined,
  ) => {
    const ext = path.extname(file).toLowerCase();
    const type = CONTENT_TYPES[ext] ?? "application/octet-stream";
    const immutable = !isIndex && file.startsWith(path.join(root, "assets") + path.sep);
    reply
      .header("content-type", type)
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .header("last-modified", stat.mtime.toUTCString())
      .header("x-content-type-options", "nosniff");
    if (immutable && COMPRESSIBLE.has(ext) && stat.size >= MIN_COMPRESS_BYTES) {
      reply.header("vary", "accept-encoding");
      if (/\bgzip\b/.test(acceptEncoding ?? "")) {
        const body = await gzipOf(file, stat);
        return reply.header("content-encoding", "gzip").header("content-length", body.length).send(body);
      }
    }
    return reply.header("content-length", stat.size).send(fs.createReadStream(file));
  };

  app.get("/*", { config: { whileRestricted: true }, schema: { hide: true } }, async (req, reply) => {
    const urlPath = req.url.split("?")[0] ?? "/";
    if (RESERVED.test(urlPath)) return reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return reply.code(400).send(errorBody("VALIDATION_FAILED", [{ path: "url", message: "bad escape" }]));
    }
    const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
    if (decoded.includes("\0") || (file !== root && !file.startsWith(root + path.sep))) {
      return reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
    }
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile())
      return sendFile(
        reply,
        file,
        stat,
        path.basename(file) === "index.html",
        req.headers["accept-encoding"],
      );
    // A missing file with an extension is a missing file, not a page of the app.
    if (path.extname(decoded) !== "") return reply.code(404).send(errorBody("ROUTE_NOT_FOUND"));
    const index = path.join(root, "index.html");
    const indexStat = fs.statSync(index, { throwIfNoEntry: false });
    if (!indexStat?.isFile()) {
      return reply
        .code(503)
        .header("content-type", "text/plain; charset=utf-8")
        .send("The web app is not built yet: run `npm run build:web` (npm start does it for you).\n");
    }
    return sendFile(reply, index, indexStat, true, undefined);
  });
};
