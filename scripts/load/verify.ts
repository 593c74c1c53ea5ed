// Every write accounted for, once the server has stopped: the database opened directly and compared
// with the ledger of acknowledged saves (scripts/load/work.ts). Each save writes its change and one
// audit event in one transaction (app/models/audit.server.ts recordAudit: an attendance save that
// changes a mark writes one "mark" event, a rotation update that changes its notes one "update"
// event), so after the load began the audit log must hold exactly one event per acknowledged save, in
// the order each person made them, and nothing else.
import { execFileSync } from "node:child_process";
import { checkConsistency, openDatabase } from "../sqlite-file";
import type { Ledger } from "./work";

export type Check = { name: string; pass: boolean; detail: string };

type Event = { id: number; actorId: string | null; action: string; entityType: string; entityId: string; changes: string };

/** The last audit event's id: events after it are the load's. */
export function lastAuditId(file: string): number {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT coalesce(max(id), 0) AS id FROM "AuditEvent"`).get() as { id: number }).id;
  } finally {
    db.close();
  }
}

const list = (items: string[]) => (items.length > 5 ? `${items.slice(0, 5).join("; ")} and ${items.length - 5} more` : items.join("; "));

export function verifyWrites(file: string, baseline: number, ledger: Ledger): Check[] {
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const events = db
      .prepare(`SELECT id, actorId, action, entityType, entityId, changes FROM "AuditEvent" WHERE id > ? ORDER BY id`)
      .all(baseline) as Event[];
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
    const marks = db.prepare(`SELECT residentId, status FROM "Attendance" WHERE sessionId = ?`);
    for (const [sessionId, expected] of ledger.finalMarks) {
      const rows = new Map((marks.all(sessionId) as Array<{ residentId: string; status: string }>).map((r) => [r.residentId, r.status]));
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
    const notesOf = db.prepare(`SELECT notes FROM "Rotation" WHERE id = ?`);
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
      const notes = (notesOf.get(rotationId) as { notes: string | null } | undefined)?.notes;
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

    // The server set it (app/utils/db.server.ts); it stays with the file, so the file tells.
    const journal = String(db.pragma("journal_mode", { simple: true }));
    checks.push({ name: "database in write-ahead-log mode", pass: journal === "wal", detail: `journal_mode ${journal}` });

    const consistency = checkConsistency(db);
    checks.push({
      name: "PRAGMA integrity_check and foreign_key_check",
      pass: consistency.ok,
      detail: consistency.ok ? "ok" : consistency.problem,
    });
    return checks;
  } finally {
    db.close();
  }
}

/** The audit log's hash chain walked by the app's own command (npm run audit:verify) on this database. */
export function verifyAuditChain(file: string): Check {
  try {
    const out = execFileSync("npx", ["tsx", "scripts/audit-verify.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
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
