// The production (and development) HTTP server: security headers, compression, the cross-origin
// check, one log line per request, static files, and the Remix request handler. With
// WEB_CONCURRENCY=n (production only) it runs n processes sharing the port, one per core: each has its
// own database connection; SQLite and the app's caches are safe across processes (docs/decisions/009).
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import { isCrossOriginWrite, isSignedWrite, lengthRequired, redactPath, securityHeaders } from "./server/security.js";

const dev = process.argv.includes("--dev");
if (!dev && !process.env.NODE_ENV) process.env.NODE_ENV = "production";
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || undefined;
const appOrigin = process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN) : null;
const buildDir = path.resolve(process.env.BUILD_DIR ?? "build");

const CROSS_ORIGIN_PAGE = `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Richiesta rifiutata · Request refused</title></head>
<body><main><h1>Richiesta rifiutata</h1><p>Il modulo è stato inviato da un altro sito. Torna al portale e riprova.</p>
<h1 lang="en">Request refused</h1><p lang="en">This form was sent from another site. Go back to the portal and try again.</p>
<p><a href="/">Portale · Portal</a></p></main></body></html>`;

const processes = dev ? 1 : Math.max(1, Math.min(Number(process.env.WEB_CONCURRENCY) || 1, 16));

if (processes > 1 && cluster.isPrimary) {
  // The primary only accepts connections and hands them out; a worker that dies is replaced.
  // One that ends before it listens (a configuration error, already explained by it) stops them all.
  let stopping = false;
  const listening = new Set();
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping && !listening.has(worker.id)) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = code || 1;
    }
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    console.error(`Server process ${worker.process.pid} ended (${signal ?? code}); starting another.`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(0), 6000).unref();
    });
  }
} else {
  await serve();
}

async function serve() {
  const vite = dev ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } })) : undefined;

  async function loadBuild() {
    return vite ? vite.ssrLoadModule("virtual:remix/server-build") : import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
  }

  // Load the build once before listening, so a configuration error stops the server with its message.
  let build;
  try {
    build = await loadBuild();
  } catch (error) {
    if (error && error.name === "ConfigurationError") {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = express();
  app.disable("x-powered-by");
  // Behind a reverse proxy, set TRUST_PROXY (e.g. 1) so req.ip is the client's address.
  app.set("trust proxy", process.env.TRUST_PROXY ? Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY : false);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(`${new Date().toISOString()} ${req.method} ${redactPath(req.originalUrl)} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  });

  app.use((req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.set(securityHeaders({ nonce, production }));
    next();
  });

  // Brotli at its lowest quality and a 256 KB window (a page is far smaller): the middleware's default
  // (quality 4, 4 MB window) cost a page about 10 ms of CPU, a third of a signed-in page's, for a few
  // per cent fewer bytes on a hospital's network (docs/benchmarks.md). Gzip stays at its default.
  app.use(
    compression({
      brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
    }),
  );

  app.use((req, res, next) => {
    const expectedHost = appOrigin ? appOrigin.host : req.get("host");
    if (isCrossOriginWrite({ method: req.method, origin: req.get("origin"), expectedHost, path: req.path })) {
      res.status(403).type("html").send(CROSS_ORIGIN_PAGE);
      return;
    }
    // A mail provider's one-click unsubscribe names its own Origin: Remix would abort the action as a
    // cross-site post (a 500). Its signature is its authorisation, so its Origin is not passed on.
    if (isSignedWrite({ method: req.method, path: req.path })) delete req.headers.origin;
    next();
  });

  app.use((req, res, next) => {
    if (lengthRequired({ transferEncoding: req.get("transfer-encoding"), contentLength: req.get("content-length") })) {
      res.status(411).type("text").send("Length Required");
      return;
    }
    next();
  });

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h", index: false }));
  }

  app.all(
    "*",
    createRequestHandler({
      build: vite ? loadBuild : await loadBuild(),
      mode: production ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? "" }),
    }),
  );

  const server = app.listen(port, host, async () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`Residency portal listening on http://localhost:${port}`);
    // Warm the database client (its first query costs ~150 ms) before the first person arrives.
    await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => {});
    // Then the background work of app/entry.server.tsx (the e-mail sender), once per process.
    build.entry.module.startBackgroundWork?.();
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
}
