import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

/** Paths that belong to the API and its documentation: never answered with the web app. */
const RESERVED = /^\/(api|docs)(\/|$)/;

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

  const sendFile = (reply: FastifyReply, file: string, stat: fs.Stats, isIndex: boolean) => {
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    const immutable = !isIndex && file.startsWith(path.join(root, "assets") + path.sep);
    return reply
      .header("content-type", type)
      .header("content-length", stat.size)
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .header("last-modified", stat.mtime.toUTCString())
      .header("x-content-type-options", "nosniff")
      .send(fs.createReadStream(file));
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
    if (stat?.isFile()) return sendFile(reply, file, stat, path.basename(file) === "index.html");
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
    return sendFile(reply, index, indexStat, true);
  });
};
