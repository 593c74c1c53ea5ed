// The floor's server: Express and Remix's request handler, as the portal's server.js uses them, with
// nothing else in between. BUILD_DIR is where scripts/bench/floor/vite.config.ts built the app.
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";

const buildDir = path.resolve(process.env.BUILD_DIR ?? "build/floor");
const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);

const app = express();
app.disable("x-powered-by");
app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
app.all("*", createRequestHandler({ build, mode: "production" }));
app.listen(Number(process.env.PORT || 3000), () => console.log(`floor on port ${process.env.PORT || 3000}`));
