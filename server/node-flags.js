// The V8 heap limits the server runs with (docs/decisions/020-server-heap-limits.md), in one place for
// every way it is started: `npm start` (package.json repeats them; a test holds the two equal), the
// demo, the end-to-end tests' server, the benchmark and the load test. Worker processes
// (WEB_CONCURRENCY) inherit them.
export const SERVER_NODE_FLAGS = ["--max-old-space-size=384"];
