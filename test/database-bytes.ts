import { execFileSync } from "node:child_process";

const READ = `const fs = require("node:fs");
for (const path of process.argv.slice(1)) if (fs.existsSync(path)) process.stdout.write(fs.readFileSync(path));`;

/**
 * The bytes of the files at `paths` (those that exist, one after the other), read by a child process.
 * A test must not open the file of a database its own process has open: closing that
 * descriptor drops every POSIX lock the process holds on the file, SQLite's among them. The next process
 * to close a connection to it then believes itself the last one and deletes the write-ahead log from
 * under this process's connection, which fails later with "disk I/O error" (sqlite.org/howtocorrupt.html,
 * section 2.2). The child's descriptors are not this process's locks.
 */
export function fileBytes(...paths: string[]): Buffer {
  return execFileSync(process.execPath, ["-e", READ, ...paths], { maxBuffer: 1 << 30 });
}

/** Every byte on disk of the SQLite database `file`: the file, its write-ahead log and its journal. */
export const databaseBytes = (file: string): Buffer => fileBytes(file, `${file}-wal`, `${file}-journal`);
