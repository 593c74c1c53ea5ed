// The figures of a load run: requests and latencies per kind, and what the server's own log says
// (errors, "database is locked" and PostgreSQL's lock failures). Plain text for the terminal; docs/load.md
// quotes it.
import { readFileSync } from "node:fs";
import { percentile } from "../bench/measure";
import type { Recorder } from "./client";

export type LogScan = { requests: number; serverErrors: string[]; locked: number; otherLines: string[] };

/** A wait for the database that failed: SQLite's busy file; PostgreSQL's deadlock, serialization failure,
 * lock time-out, or a connection refused for want of slots. */
const LOCKED =
  /database is locked|SQLITE_BUSY|deadlock detected|could not serialize access|lock timeout|too many clients|remaining connection slots/i;

/**
 * The server's log: one line per request ("<time> <method> <path> <status> <ms>ms"), and anything
 * else it printed (errors and their stacks). A failed wait for the database (LOCKED) is counted wherever
 * it appears; a request line with a 5xx status is a server error.
 */
export function scanServerLog(file: string): LogScan {
  const scan: LogScan = { requests: 0, serverErrors: [], locked: 0, otherLines: [] };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    if (LOCKED.test(line)) scan.locked++;
    const request = /^\S+Z (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) (\d{3}) [\d.]+ms$/.exec(line);
    if (request) {
      scan.requests++;
      if (request[3]!.startsWith("5")) scan.serverErrors.push(line);
    } else if (!/^Residency portal listening/.test(line)) {
      scan.otherLines.push(line);
    }
  }
  return scan;
}

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

/** One row per kind of request, and the total: count, per second, and latency percentiles (ms). */
export function latencyTable(recorder: Recorder, seconds: number): string {
  const rows = [...recorder.latencies].sort(([a], [b]) => a.localeCompare(b));
  const all = rows.flatMap(([, values]) => values);
  const line = (name: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const failed = recorder.failures.filter((f) => f.kind === name || name === "all").length;
    return `| ${name} | ${values.length} | ${fixed(values.length / seconds, 1)} | ${fixed(percentile(sorted, 50))} | ${fixed(percentile(sorted, 95))} | ${fixed(percentile(sorted, 99))} | ${fixed(sorted.at(-1) ?? NaN)} | ${failed} |`;
  };
  return [
    "| requests | count | per s | p50 ms | p95 ms | p99 ms | max ms | failed |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(([name, values]) => line(name, values)),
    line("all", all),
  ].join("\n");
}
