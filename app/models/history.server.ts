import type { AuditChanges, AuditValue } from "~/domain/audit";
import { addDays, parseIsoDate } from "~/domain/dates";
import {
  attendanceLineMarker,
  logbookMonthId,
  OWN_REFERENCE_FIELDS,
  ownChanges,
  REFERENCE_FIELDS,
  referencesIn,
  type RecordLabel,
  type RecordName,
  type Reference,
} from "~/domain/history";
import { PAGE_SIZE } from "~/domain/list-query";
import { sessionStart } from "~/domain/teaching";
import type { AuditEntity } from "./audit.server";
import { SYSTEM_ACTOR, type HistoryQuery } from "~/schemas/history";
import { prisma, type Prisma } from "~/utils/db.server";

/**
 * The audit trail read as a history: the administrators' whole history, filtered and paginated, and a
 * resident's own history (their profile, record, rotations and their line of each attendance sheet).
 * Each page is described in a fixed number of queries: the ids of its records, and the ids their
 * changes mention, are grouped by table and each table is read once.
 */

export type HistoryRow = {
  id: number;
  at: Date;
  action: string;
  /** Who made the change; null when the system did. */
  actor: string | null;
  type: string;
  recordId: string;
  record: RecordLabel;
  changes: AuditChanges;
};

/** A page of history with the names of the records its changes mention (id → name). */
export type HistoryPage = { total: number; entries: HistoryRow[]; names: Names };

/** The records an entry's changes mention, by id. */
export type Names = Record<string, RecordName>;

const eventSelect = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  changes: true,
  actor: { select: { name: true } },
} satisfies Prisma.AuditEventSelect;
type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;
type Parsed = Omit<EventRow, "changes"> & { changes: AuditChanges };

const newestFirst: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: "desc" }, { id: "desc" }];

function parseChanges(text: string): AuditChanges {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditChanges) : {};
  } catch {
    return {};
  }
}

const parse = (row: EventRow): Parsed => ({ ...row, changes: parseChanges(row.changes) });

/** The first instant of a calendar day at the hospital (Europe/Rome). */
function hospitalMidnight(day: Date): Date {
  return sessionStart({ date: day, startTime: "00:00" });
}

/** The filters of the administrators' history as a database condition. */
export function historyWhere(query: Omit<HistoryQuery, "page">): Prisma.AuditEventWhereInput {
  const from = query.from ? parseIsoDate(query.from) : null;
  const to = query.to ? parseIsoDate(query.to) : null;
  const at: Prisma.DateTimeFilter = {
    ...(from ? { gte: hospitalMidnight(from) } : {}),
    ...(to ? { lt: hospitalMidnight(addDays(to, 1)) } : {}),
  };
  return {
    ...(query.type ? { entityType: query.type } : {}),
    ...(query.record ? { entityId: query.record } : {}),
    ...(query.actor ? { actorId: query.actor === SYSTEM_ACTOR ? null : query.actor } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(from || to ? { at } : {}),
  };
}

/**
 * The choices of the person filter, by name: the staff (administrators and tutors) who have changed
 * something, and `keep` (the person chosen). A resident's only changes are their own password, so every
 * intake would otherwise lengthen the list; their history is on their record's page.
 */
export async function historyActors(keep?: string) {
  return prisma.user.findMany({
    where: { OR: [{ auditEvents: { some: {} }, roles: { some: { role: { in: ["admin", "tutor"] } } } }, ...(keep ? [{ id: keep }] : [])] },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** One page of the whole history, newest first, as the administrators filter it. */
export async function listHistory(query: HistoryQuery): Promise<HistoryPage> {
  const where = historyWhere(query);
  const [total, rows] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: newestFirst, skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: eventSelect }),
  ]);
  return { total, ...(await describe(rows.map(parse))) };
}

/** Every entry of the filtered history (for the CSV export), read and described a thousand at a time. */
export async function exportHistory(query: HistoryQuery, limit = 100_000): Promise<HistoryPage> {
  const where = historyWhere(query);
  const entries: HistoryRow[] = [];
  const names: Names = {};
  const CHUNK = 1000;
  for (let skip = 0; skip < limit; skip += CHUNK) {
    const rows = await prisma.auditEvent.findMany({
      where,
      orderBy: newestFirst,
      skip,
      take: Math.min(CHUNK, limit - skip),
      select: eventSelect,
    });
    const page = await describe(rows.map(parse));
    entries.push(...page.entries);
    Object.assign(names, page.names);
    if (rows.length < CHUNK) break;
  }
  return { total: entries.length, entries, names };
}

/**
 * One record's history for its own page, newest first (the latest `take` changes), with the names of
 * the records its changes mention. Only for a record the caller may see.
 */
export async function recordHistory(type: AuditEntity, id: string, take = 100): Promise<HistoryPage> {
  const rows = (
    await prisma.auditEvent.findMany({ where: { entityType: type, entityId: id }, orderBy: newestFirst, take, select: eventSelect })
  ).map(parse);
  const want = nothingWanted();
  for (const row of rows) wantReferences(want, row);
  const { names } = await lookUp(want);
  const entries = rows.map((row): HistoryRow => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor: row.actor?.name ?? null,
    type: row.entityType,
    recordId: row.entityId,
    record: { name: null, detail: null, href: null },
    changes: row.changes,
  }));
  return { total: entries.length, entries, names };
}

// ─── Describing a page ───────────────────────────────────────────────────────────────────────────

type Table = Reference | "rotation" | "session" | "certificate" | "entry" | "catalogue";

/** The table an entry's record lives in (none for settings, which are named by their key). */
const RECORD_TABLE: Record<string, Table | undefined> = {
  resident: "resident",
  user: "user",
  rotation: "rotation",
  teaching: "session",
  attendance: "session",
  agreement: "agreement",
  programme: "programme",
  department: "department",
  university: "university",
  certificate: "certificate",
  logbookEntry: "entry",
  logbookCatalogue: "catalogue",
};

/** The administration page of each kind of record, where there is one. */
const ADMIN_PAGE: Record<string, ((id: string) => string) | undefined> = {
  resident: (id) => `/admin/residents/${id}`,
  user: (id) => `/admin/users/${id}`,
  rotation: (id) => `/admin/rotations/${id}`,
  agreement: (id) => `/admin/agreements/${id}`,
  programme: (id) => `/admin/programmes/${id}`,
  department: (id) => `/admin/departments/${id}`,
  university: (id) => `/admin/universities/${id}`,
  setting: () => "/admin/settings",
  evaluationForm: (id) => `/admin/evaluations/forms/${id}`,
  tutorEvaluation: (id) => `/admin/evaluations/tutor/${id}`,
};

const key = (type: string, id: string) => `${type}:${id}`;

/** A logbook month's record id ("<residentId>:<month>", app/domain/history.ts logbookMonthId) in parts. */
function monthParts(id: string) {
  const at = id.lastIndexOf(":");
  return { residentId: id.slice(0, at), month: id.slice(at + 1) };
}

type Label = Omit<RecordLabel, "href"> & { href?: string };

/** A logbook month's label: the resident (read with the page's residents) and the month. */
function monthLabel(id: string, records: Map<string, Label>): Label | undefined {
  const { residentId, month } = monthParts(id);
  const resident = records.get(key("resident", residentId));
  return resident ? { name: resident.name, detail: { month }, href: `/admin/residents/${residentId}/logbook` } : undefined;
}

/** A removed record's name, from what its own event remembers of it. */
function rememberedName(changes: AuditChanges): RecordName | null {
  const side = (field: string): AuditValue => changes[field]?.[0] ?? changes[field]?.[1] ?? null;
  const name = side("name") ?? side("title");
  if (typeof name === "string" && name) return name;
  const code = side("specialtyCode");
  return typeof code === "string" && code ? { specialtyCode: code } : null;
}

type Wanted = Record<Table, Set<string>>;

const nothingWanted = (): Wanted => ({
  user: new Set(),
  resident: new Set(),
  department: new Set(),
  programme: new Set(),
  university: new Set(),
  agreement: new Set(),
  rotation: new Set(),
  session: new Set(),
  certificate: new Set(),
  activity: new Set(),
  entry: new Set(),
  catalogue: new Set(),
});

/** Adds the ids an entry's changes mention to what must be read. */
function wantReferences(want: Wanted, row: Parsed) {
  for (const [reference, id] of referencesIn(row.entityType, row.changes)) want[reference].add(id);
}

/**
 * The names of the ids a page mentions and the labels of its records: one query per table the page
 * needs, at most nine, whatever the number of entries.
 */
async function lookUp(want: Wanted) {
  const some = <T>(table: Table, read: (ids: string[]) => Promise<T[]>): Promise<T[]> =>
    want[table].size ? read([...want[table]]) : Promise.resolve([]);
  const [
    users,
    residents,
    departments,
    programmes,
    universities,
    agreements,
    rotations,
    sessions,
    certificates,
    activities,
    entries,
    catalogues,
  ] = await Promise.all([
    some("user", (id) => prisma.user.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
    some("resident", (id) =>
      prisma.resident.findMany({ where: { id: { in: id } }, select: { id: true, user: { select: { name: true } } } }),
    ),
    some("department", (id) => prisma.department.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
    some("programme", (id) =>
      prisma.programme.findMany({
        where: { id: { in: id } },
        select: { id: true, specialtyCode: true, university: { select: { name: true, shortName: true } } },
      }),
    ),
    some("university", (id) => prisma.university.findMany({ where: { id: { in: id } }, select: { id: true, name: true } })),
    some("agreement", (id) =>
      prisma.agreement.findMany({
        where: { id: { in: id } },
        select: { id: true, startDate: true, endDate: true, university: { select: { name: true } } },
      }),
    ),
    some("rotation", (id) =>
      prisma.rotation.findMany({
        where: { id: { in: id } },
        select: { id: true, resident: { select: { user: { select: { name: true } } } }, department: { select: { name: true } } },
      }),
    ),
    some("session", (id) => prisma.teachingSession.findMany({ where: { id: { in: id } }, select: { id: true, title: true, date: true } })),
    some("certificate", (id) =>
      prisma.certificate.findMany({ where: { id: { in: id } }, select: { id: true, code: true, holder: { select: { name: true } } } }),
    ),
    some("activity", (id) =>
      prisma.logbookActivity.findMany({ where: { id: { in: id } }, select: { id: true, labelIt: true, labelEn: true } }),
    ),
    some("entry", (id) =>
      prisma.logbookEntry.findMany({
        where: { id: { in: id } },
        select: { id: true, date: true, residentId: true, resident: { select: { user: { select: { name: true } } } } },
      }),
    ),
    some("catalogue", (id) =>
      prisma.logbookCatalogue.findMany({
        where: { id: { in: id } },
        select: {
          id: true,
          version: true,
          programmeId: true,
          programme: { select: { specialtyCode: true, university: { select: { shortName: true, name: true } } } },
        },
      }),
    ),
  ]);

  const names: Names = {};
  const records = new Map<string, Label>();
  for (const u of users) {
    names[u.id] = u.name;
    records.set(key("user", u.id), { name: u.name, detail: null });
  }
  for (const r of residents) {
    names[r.id] = r.user.name;
    records.set(key("resident", r.id), { name: r.user.name, detail: null });
  }
  for (const d of departments) {
    names[d.id] = d.name;
    records.set(key("department", d.id), { name: d.name, detail: null });
  }
  for (const p of programmes) {
    names[p.id] = { specialtyCode: p.specialtyCode, university: p.university.shortName ?? p.university.name };
    records.set(key("programme", p.id), { name: { specialtyCode: p.specialtyCode }, detail: p.university.name });
  }
  for (const u of universities) {
    names[u.id] = u.name;
    records.set(key("university", u.id), { name: u.name, detail: null });
  }
  for (const a of agreements) {
    const dates = { from: a.startDate, to: a.endDate };
    names[a.id] = { university: a.university.name, ...dates };
    records.set(key("agreement", a.id), { name: a.university.name, detail: dates });
  }
  for (const r of rotations) records.set(key("rotation", r.id), { name: r.resident.user.name, detail: r.department.name });
  for (const s of sessions) {
    const label = { name: s.title, detail: { day: s.date } };
    records.set(key("teaching", s.id), label);
    records.set(key("attendance", s.id), label);
  }
  for (const c of certificates) records.set(key("certificate", c.id), { name: c.holder.name, detail: c.code });
  for (const a of activities) names[a.id] = { it: a.labelIt, en: a.labelEn };
  for (const e of entries)
    records.set(key("logbookEntry", e.id), {
      name: e.resident.user.name,
      detail: { day: e.date },
      href: `/admin/residents/${e.residentId}/logbook`,
    });
  for (const c of catalogues)
    records.set(key("logbookCatalogue", c.id), {
      name: { specialtyCode: c.programme.specialtyCode, university: c.programme.university.shortName ?? c.programme.university.name },
      detail: `v${c.version}`,
      href: `/admin/programmes/${c.programmeId}/logbook`,
    });

  return { names, records };
}

/** Labels a page of the whole history: what each entry is about, and the names its changes mention. */
async function describe(rows: Parsed[]): Promise<{ entries: HistoryRow[]; names: Names }> {
  const want = nothingWanted();
  for (const row of rows) {
    const table = RECORD_TABLE[row.entityType];
    if (table) want[table].add(row.entityId);
    if (row.entityType === "logbookMonth") want.resident.add(monthParts(row.entityId).residentId);
    wantReferences(want, row);
  }
  const { names, records } = await lookUp(want);
  const entries = rows.map((row): HistoryRow => {
    const found = row.entityType === "logbookMonth" ? monthLabel(row.entityId, records) : records.get(key(row.entityType, row.entityId));
    const code = row.entityType === "certificate" && typeof found?.detail === "string" ? found.detail : null;
    const certificate = code ? `/verify/${encodeURIComponent(code)}` : null;
    const page = ADMIN_PAGE[row.entityType];
    const exists = Boolean(found) || row.entityType === "setting";
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor?.name ?? null,
      type: row.entityType,
      recordId: row.entityId,
      record: {
        name: found?.name ?? (exists ? null : rememberedName(row.changes)),
        detail: found?.detail ?? null,
        href: certificate ?? found?.href ?? (exists && page ? page(row.entityId) : null),
      },
      changes: row.changes,
    };
  });
  return { entries, names };
}

// ─── A resident's own history ────────────────────────────────────────────────────────────────────

/**
 * The history of the records about one resident, newest first: changes to their account ("user") and
 * training record ("resident"), to their rotations, and their own line of the attendance sheets they
 * are on. Nothing else is read, and of an attendance event nothing but their own mark is returned
 * (app/domain/history.ts ownChanges). Only ever the signed-in person's: it takes their user id alone.
 */
export async function ownHistory(userId: string, page: number): Promise<HistoryPage> {
  const resident = await prisma.resident.findUnique({ where: { userId }, select: { id: true } });
  const residentId = resident?.id ?? null;
  const [rotations, marks, logbook] = residentId
    ? await Promise.all([
        prisma.rotation.findMany({ where: { residentId }, select: { id: true } }),
        prisma.attendance.findMany({ where: { residentId }, select: { sessionId: true } }),
        prisma.logbookEntry.findMany({ where: { residentId }, select: { id: true } }),
      ])
    : [[], [], []];
  const about: Prisma.AuditEventWhereInput[] = [{ entityType: "user", entityId: userId }];
  if (residentId) {
    about.push({ entityType: "resident", entityId: residentId });
    if (rotations.length) about.push({ entityType: "rotation", entityId: { in: rotations.map((r) => r.id) } });
    // Only the sheets that mention them (their id as a key of the changes); ownChanges keeps that line alone.
    if (marks.length)
      about.push({
        entityType: "attendance",
        entityId: { in: marks.map((m) => m.sessionId) },
        changes: { contains: attendanceLineMarker(residentId) },
      });
    if (logbook.length) about.push({ entityType: "logbookEntry", entityId: { in: logbook.map((e) => e.id) } });
    about.push({ entityType: "logbookMonth", entityId: { startsWith: logbookMonthId(residentId, "") } });
  }
  const where: Prisma.AuditEventWhereInput = { OR: about };
  const [total, rows] = await Promise.all([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: newestFirst, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: eventSelect }),
  ]);

  const visible = rows.flatMap((row) => {
    const changes = ownChanges({ entityType: row.entityType, changes: parseChanges(row.changes) }, { residentId });
    return changes ? [{ ...row, changes }] : [];
  });

  // Their own rotations and sessions, and the programme, tutor and department named in the changes.
  const rotationIds = new Set<string>();
  const sessionIds = new Set<string>();
  const entryIds = new Set<string>();
  const want = nothingWanted();
  for (const row of visible) {
    if (row.entityType === "rotation") rotationIds.add(row.entityId);
    if (row.entityType === "logbookEntry") entryIds.add(row.entityId);
    if (row.entityType === "attendance") {
      sessionIds.add(row.entityId);
      continue;
    }
    for (const [field, pair] of Object.entries(row.changes)) {
      const reference = OWN_REFERENCE_FIELDS.has(field) ? REFERENCE_FIELDS[field] : undefined;
      if (reference !== "user" && reference !== "programme" && reference !== "department") continue;
      for (const value of pair) if (typeof value === "string" && value) want[reference].add(value);
    }
  }
  const [ownRotations, sessions, ownEntries, { names }] = await Promise.all([
    rotationIds.size && residentId
      ? prisma.rotation.findMany({
          where: { id: { in: [...rotationIds] }, residentId },
          select: { id: true, startDate: true, endDate: true, department: { select: { name: true } } },
        })
      : [],
    sessionIds.size && residentId
      ? prisma.teachingSession.findMany({
          where: { id: { in: [...sessionIds] }, attendance: { some: { residentId } } },
          select: { id: true, title: true, date: true },
        })
      : [],
    entryIds.size && residentId
      ? prisma.logbookEntry.findMany({
          where: { id: { in: [...entryIds] }, residentId },
          select: { id: true, date: true, activity: { select: { labelIt: true, labelEn: true } } },
        })
      : [],
    lookUp(want),
  ]);

  const rotationLabels = new Map(
    ownRotations.map((r) => [r.id, { name: r.department.name, detail: { from: r.startDate, to: r.endDate } }]),
  );
  const sessionLabels = new Map(sessions.map((s) => [s.id, { name: s.title, detail: { day: s.date } }]));
  const entryLabels = new Map(
    ownEntries.map((e) => [e.id, { name: { it: e.activity.labelIt, en: e.activity.labelEn }, detail: { day: e.date } }]),
  );
  const ownPage: Record<string, string> = {
    user: "/me",
    resident: "/me",
    rotation: "/me/rotations",
    attendance: "/me/teaching",
    logbookEntry: "/me/logbook",
    logbookMonth: "/me/logbook",
  };

  const entries = visible.map((row): HistoryRow => {
    const label: Omit<RecordLabel, "href"> | undefined =
      row.entityType === "rotation"
        ? rotationLabels.get(row.entityId)
        : row.entityType === "attendance"
          ? sessionLabels.get(row.entityId)
          : row.entityType === "logbookEntry"
            ? entryLabels.get(row.entityId)
            : row.entityType === "logbookMonth"
              ? { name: null, detail: { month: monthParts(row.entityId).month } }
              : undefined;
    return {
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor?.name ?? null,
      type: row.entityType,
      // Their own ids are of no use on the page: none is sent.
      recordId: "",
      record: { name: label?.name ?? null, detail: label?.detail ?? null, href: ownPage[row.entityType] ?? null },
      changes: row.changes,
    };
  });
  return { total, entries, names };
}
