// Preloaded into each server the benchmark measures (`node --import`): the event loop's delay, as
// `monitorEventLoopDelay` sees it, read page by page. On SIGUSR2 the process writes its figures since
// the last read to `<BENCH_LOOP_FILE>.<pid>` and starts again, so the benchmark reads one page's load
// alone. Nothing of it is in the portal: the server measured is the one `npm start` runs.
import { renameSync, writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on("SIGUSR2", () => {
    const ms = (ns) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const figures = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), at: Date.now() };
    histogram.reset();
    // Written beside and renamed: the benchmark reads the file as soon as it exists, never half written.
    writeFileSync(`${file}.${process.pid}.part`, JSON.stringify(figures));
    renameSync(`${file}.${process.pid}.part`, `${file}.${process.pid}`);
  });
}
