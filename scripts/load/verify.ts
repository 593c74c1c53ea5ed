// Every write accounted for, once the server has stopped: the database opened directly and compared
// with the ledger of acknowledged saves (scripts/load/work.ts). Each save writes its change and one
// audit event in one transaction (app/models/audit.server.ts recordAudit: an attendance save that
// changes a mark writes one "mark" event, a rotation update that changes its notes one "update"
// event), so after the load began the audit log must hold exactly one event per acknowledged save, in
// the order each person made them, and nothing else. The records are read through a client of its own
// (scripts/bench/client.ts), the same on SQLite and PostgreSQL; then each database's own soundness: the
// SQLite file's mode and integrity, PostgreSQL's indexes and foreign keys.
import { execFileSync } from "node:child_process";
import { withPgClient } from "../pg-databases.js";
import { withClient } from "../bench/client";
import type { BenchDatabase } from "../bench/database";
import { checkConsistency, openDatabase } from "../sqlite-file";
import type { Ledger } from "./work";

export type Check = { name: string; pass: boolean; detail: string };

type Event = { id: number; actorId: string | null; action: string; entityType: string; entityId: string; changes: string };

/** The last audit event's id: events after it are the load's. */
export async function lastAuditId(url: string): Promise<number> {
  const last = await withClient(url, (db) => db.auditEvent.aggregate({ _max: { id: true } }));
  return last._max.id ?? 0;
}

const list = (items: string[]) => (items.length > 5 ? `${items.slice(0, 5).join("; ")} and ${items.length - 5} more` : items.join("; "));

export async function verifyWrites(database: BenchDatabase, baseline: number, ledger: Ledger): Promise<Check[]> {
  const checks = await withClient(database.url, async (db) => {
    const events: Event[] = await db.auditEvent.findMany({
      where: { id: { gt: baseline } },
      orderBy: { id: "asc" },
      select: { id: true, actorId: true, action: true, entityType: true, entityId: true, changes: true },
    });
    const byRecord = new Map<string, Event[]>();
    for (const event of events) {
      const key = `${event.entityType}:${event.entityId}`;
      byRecord.set(key, [...(byRecord.get(key) ?? []), event]);
    }
    const checks: Check[] = [];
    const acknowledged = ledger.attendance.length + ledger.rotations.length;
    checks.push({
      name: "one audit event per acknowledged write",
      pass: events.length === acknowledged,
      detail: `${acknowledged} writes acknowledged (${ledger.attendance.length} attendance, ${ledger.rotations.length} rotation), ${events.length} audit events after the start`,
    });

    // Attendance: each session's events, in order, are its saves: one resident's mark, before → after.
    const attendanceProblems: string[] = [];
    const sessions = new Map<string, typeof ledger.attendance>();
    for (const write of ledger.attendance) sessions.set(write.sessionId, [...(sessions.get(write.sessionId) ?? []), write]);
    for (const [sessionId, writes] of sessions) {
      const found = byRecord.get(`attendance:${sessionId}`) ?? [];
      if (found.length !== writes.length) attendanceProblems.push(`session ${sessionId}: ${writes.length} saves, ${found.length} events`);
      writes.forEach((write, i) => {
        const event = found[i];
        if (!event) return;
        const expected = JSON.stringify({ [write.residentId]: [write.before, write.after] });
        if (event.action !== "mark" || event.actorId !== write.actorId || event.changes !== expected) {
          attendanceProblems.push(
            `event ${event.id} (${event.action} by ${event.actorId}: ${event.changes}) is not save ${i + 1} (${expected})`,
          );
        }
      });
    }
    for (const [sessionId, expected] of ledger.finalMarks) {
      const marks = await db.attendance.findMany({ where: { sessionId }, select: { residentId: true, status: true } });
      const rows = new Map(marks.map((r) => [r.residentId, r.status]));
      const wrong = [...new Set([...rows.keys(), ...expected.keys()])].filter((id) => rows.get(id) !== expected.get(id));
      if (wrong.length)
        attendanceProblems.push(
          `session ${sessionId}: marks of ${wrong.length} residents differ from the last save (${wrong.map((id) => `${id}: ${rows.get(id) ?? "none"} ≠ ${expected.get(id) ?? "none"}`).join(", ")})`,
        );
    }
    checks.push({
      name: "every acknowledged attendance mark stored, with its audit event",
      pass: attendanceProblems.length === 0,
      detail: attendanceProblems.length ? list(attendanceProblems) : `${ledger.attendance.length} saves on ${sessions.size} sessions`,
    });

    // Rotations: each one's events, in order, change the notes from the token before to the token saved.
    const rotationProblems: string[] = [];
    const rotations = new Map<string, typeof ledger.rotations>();
    for (const write of ledger.rotations) rotations.set(write.rotationId, [...(rotations.get(write.rotationId) ?? []), write]);
    for (const [rotationId, writes] of rotations) {
      const found = byRecord.get(`rotation:${rotationId}`) ?? [];
      if (found.length !== writes.length) rotationProblems.push(`rotation ${rotationId}: ${writes.length} saves, ${found.length} events`);
      writes.forEach((write, i) => {
        const event = found[i];
        if (!event) return;
        const changes = JSON.parse(event.changes) as Record<string, [unknown, unknown]>;
        const fields = Object.keys(changes);
        // The first save's "before" is whatever the demo data held (as the form showed it); later ones are tokens.
        const beforeOk =
          i === 0 ? String(changes.notes?.[0] ?? "").trim() === (write.before ?? "").trim() : changes.notes?.[0] === writes[i - 1]!.token;
        if (
          event.action !== "update" ||
          event.actorId !== write.actorId ||
          fields.join() !== "notes" ||
          changes.notes?.[1] !== write.token ||
          !beforeOk
        ) {
          rotationProblems.push(
            `event ${event.id} (${event.action} by ${event.actorId}: ${event.changes}) is not save ${i + 1} ("${write.before}" → "${write.token}")`,
          );
        }
      });
      const notes = (await db.rotation.findUnique({ where: { id: rotationId }, select: { notes: true } }))?.notes;
      if (notes !== writes.at(-1)!.token)
        rotationProblems.push(`rotation ${rotationId}: notes "${notes}", last acknowledged "${writes.at(-1)!.token}"`);
    }
    checks.push({
      name: "every rotation's notes are its last acknowledged token",
      pass: rotationProblems.length === 0,
      detail: rotationProblems.length ? list(rotationProblems) : `${ledger.rotations.length} saves on ${rotations.size} rotations`,
    });

    // Nothing else: no event of a record nobody saved, no token of a save that was not acknowledged.
    const known = new Set([
      ...[...sessions.keys()].map((id) => `attendance:${id}`),
      ...[...rotations.keys()].map((id) => `rotation:${id}`),
    ]);
    const stray = events
      .filter((e) => !known.has(`${e.entityType}:${e.entityId}`))
      .map((e) => `event ${e.id} ${e.action} ${e.entityType} ${e.entityId}`);
    const lost = ledger.unacknowledged
      .filter((u) => u.token && events.some((e) => e.changes.includes(`"${u.token}"`)))
      .map((u) => `unacknowledged ${u.token} was written`);
    checks.push({
      name: "nothing un-acknowledged written",
      pass: stray.length === 0 && lost.length === 0,
      detail:
        stray.length || lost.length ? list([...stray, ...lost]) : `${ledger.unacknowledged.length} saves without an answer, none found`,
    });

    return checks;
  });
  return [...checks, ...(database.dialect === "sqlite" ? sqliteSoundness(database.name) : await postgresSoundness(database.url))];
}

/** The SQLite file, opened directly (scripts/sqlite-file.ts): its journal mode and its integrity. */
function sqliteSoundness(file: string): Check[] {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    // The server set it (app/utils/db.server.ts); it stays with the file, so the file tells.
    const journal = String(db.pragma("journal_mode", { simple: true }));
    const consistency = checkConsistency(db);
    return [
      { name: "database in write-ahead-log mode", pass: journal === "wal", detail: `journal_mode ${journal}` },
      { name: "PRAGMA integrity_check and foreign_key_check", pass: consistency.ok, detail: consistency.ok ? "ok" : consistency.problem },
    ];
  } finally {
    db.close();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * PostgreSQL's counterpart of SQLite's integrity_check and foreign_key_check (it has no journal mode to
 * check: it always writes ahead): every B-tree index of the tables checked against its table by amcheck
 * (`bt_index_check` with every row looked up; the extension is made in this run's copy), and every
 * foreign key's rows looked for in the table it names, as SQLite's check does.
 */
function postgresSoundness(url: string): Promise<Check[]> {
  return withPgClient(url, async (client) => {
    await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
    const { rows: indexes } = await client.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'btree' AND n.nspname = current_schema() AND i.indisvalid ORDER BY 1`,
    );
    const broken: string[] = [];
    for (const { name } of indexes) {
      await client
        .query("SELECT bt_index_check($1::regclass, true)", [name])
        .catch((error: Error) => broken.push(`${name}: ${error.message}`));
    }
    const { rows: keys } = await client.query<{ name: string; child: string; parent: string; columns: string[]; referenced: string[] }>(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
         array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
         array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS referenced
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1`,
    );
    const orphans: string[] = [];
    for (const key of keys) {
      const present = key.columns.map((column) => `c.${quote(column)} IS NOT NULL`).join(" AND ");
      const match = key.columns.map((column, i) => `p.${quote(key.referenced[i]!)} = c.${quote(column)}`).join(" AND ");
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${key.child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${match})`,
      );
      if (Number(rows[0]!.n)) orphans.push(`${key.child}.${key.name}: ${rows[0]!.n} rows`);
    }
    const problems = [...broken, ...orphans];
    return [
      {
        name: "every B-tree index matches its table (amcheck) and every foreign key finds its row",
        pass: problems.length === 0,
        detail: problems.length ? list(problems) : `${indexes.length} indexes, ${keys.length} foreign keys`,
      },
    ];
  });
}

/** The audit log's hash chain walked by the app's own command (npm run audit:verify) on this database. */
export function verifyAuditChain(database: BenchDatabase): Check {
  try {
    const out = execFileSync("npx", ["tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, ...database.env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { name: "audit hash chain (npm run audit:verify)", pass: true, detail: out.trim() };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return {
      name: "audit hash chain (npm run audit:verify)",
      pass: false,
      detail: `${failed.stdout ?? ""}${failed.stderr ?? ""}`.trim() || failed.message,
    };
  }
}
