import { DAY_MS } from "~/domain/dates";
import { sessionStart } from "~/domain/teaching";
import { dateOf, teachingHoliday, weekday, type Day } from "./days";
import { CANCEL_REASONS, PLACES, TOPICS, TYPE_TITLES } from "./names";
import type { Organisation } from "./plan-org";
import type { PlanResidents, PlanRotations } from "./plan-rotations";
import { randomStream, type Random } from "./random";
import { ROTATION_DAYS, type Shape } from "./shape";
import type { DatasetSize } from "./sizes";

/**
 * A year of teaching and two months ahead (as prisma/demo-teaching.ts): every department runs a few
 * weekly slots (a journal club or lecture, a case discussion or bedside teaching, seminars…), each led
 * by a tutor on its staff, for the programmes of the residents rotating there that day. Sessions that
 * took place before today are confirmed, with attendance of residents of their programmes who were at
 * the hospital that day; later ones have none.
 */
export type PlanSession = {
  department: number;
  /** Tutor indexes: the lead, and a co-tutor or -1. */
  lead: number;
  coTutor: number;
  day: Day;
  startTime: string;
  durationMinutes: number;
  type: string;
  title: string;
  place: string | null;
  link: string | null;
  series: number;
  programmes: number[];
  cancelReason: string | null;
  cancelledAtMs: number | null;
  confirmedAtMs: number | null;
  createdAtMs: number;
};
export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
export type PlanAttendance = { count: number; session: Int32Array; resident: Int32Array; status: Uint8Array };

export const TEACHING_REACH = { past: 365, future: 61 } as const;
const MAX_PROGRAMMES = 12;
const HOUR = 3_600_000;

const SLOT_KINDS = [
  { types: ["journal-club", "lecture"], minutes: [45, 60, 90], times: ["08:00", "08:30", "13:00"] },
  { types: ["case-discussion", "bedside"], minutes: [60, 90, 120], times: ["10:00", "15:00", "14:30"] },
  { types: ["seminar", "lecture"], minutes: [60, 90], times: ["16:30", "14:00", "11:00"] },
  { types: ["simulation", "grand-round"], minutes: [180, 75], times: ["09:00", "12:30", "15:30"] },
];

/** The instant a session ends, with Europe/Rome's offset worked out once per day (the app's own rule). */
function endOf(offsets: Map<Day, number>, day: Day, startTime: string, minutes: number): number {
  let offset = offsets.get(day);
  if (offset === undefined) {
    offset = day * DAY_MS + 12 * HOUR - sessionStart({ date: dateOf(day), startTime: "12:00" }).getTime();
    offsets.set(day, offset);
  }
  const [h, m] = startTime.split(":").map(Number) as [number, number];
  return day * DAY_MS + (h * 60 + m) * 60_000 - offset + minutes * 60_000;
}

/** Each department's share of the sessions, on its slots' weekdays, spread evenly over the period. */
function sessionsOf(size: DatasetSize, org: Organisation, today: Day, random: Random): PlanSession[] {
  const from = today - TEACHING_REACH.past;
  const until = today + TEACHING_REACH.future;
  const nowMs = today * DAY_MS;
  const offsets = new Map<Day, number>();
  const sessions: PlanSession[] = [];
  let series = 0;
  for (const [d, department] of org.departments.entries()) {
    const share = Math.floor(size.sessions / org.departments.length) + (d < size.sessions % org.departments.length ? 1 : 0);
    const staff = department.tutorIndexes;
    let candidates: Array<{ day: Day; slot: number }> = [];
    for (let slots = 1; candidates.length < share; slots++) {
      candidates = [];
      for (let slot = 0; slot < slots; slot++) {
        const wd = 1 + ((d + 2 * slot) % 5);
        for (let day = from + ((wd - weekday(from) + 7) % 7); day <= until; day += 7)
          if (!teachingHoliday(day)) candidates.push({ day, slot });
      }
      candidates.sort((a, b) => a.day - b.day || a.slot - b.slot);
    }
    const seen = new Map<number, number>();
    const slotSeries = new Map<string, number>();
    for (let i = 0; i < share; i++) {
      const { day, slot } = candidates[Math.floor((i * candidates.length) / share)]!;
      const n = seen.get(slot) ?? 0;
      seen.set(slot, n + 1);
      const kind = SLOT_KINDS[slot % SLOT_KINDS.length]!;
      const type = kind.types[(d + Math.floor(slot / SLOT_KINDS.length)) % kind.types.length]!;
      const minutes = kind.minutes[(d + slot) % kind.minutes.length]!;
      const startTime = kind.times[d % kind.times.length]!;
      const lead = staff[slot % staff.length]!;
      const others = staff.filter((t) => t !== lead);
      // A series in the app holds at most 52 sessions: a longer run of a slot is several series.
      const key = `${slot}:${Math.floor(n / 52)}`;
      if (!slotSeries.has(key)) slotSeries.set(key, series++);
      const online = slot === 0 && d % 4 === 3;
      const cancelled = random.chance(0.03);
      const endMs = endOf(offsets, day, startTime, minutes);
      sessions.push({
        department: d,
        lead,
        coTutor: others.length && random.chance(0.25) ? random.pick(others) : -1,
        day,
        startTime,
        durationMinutes: minutes,
        type,
        title: `${TYPE_TITLES[type]}: ${TOPICS[(d * 7 + slot * 3 + n) % TOPICS.length]}`,
        place: online ? null : type === "bedside" ? `${department.name}, sala medici` : PLACES[(d + slot) % PLACES.length]!,
        link: online ? `https://meet.example.org/didattica-${d + 1}` : null,
        series: slotSeries.get(key)!,
        programmes: [],
        cancelReason: cancelled ? random.pick(CANCEL_REASONS) : null,
        cancelledAtMs: cancelled ? Math.min((day - random.int(1, 6)) * DAY_MS + 9 * HOUR, nowMs - HOUR) : null,
        // Confirmed by the lead tutor within 30 hours of the end, and before today.
        confirmedAtMs: !cancelled && day < today ? Math.min(endMs + random.int(1, 30) * HOUR, nowMs - 60_000) : null,
        createdAtMs: Math.min((day - 30) * DAY_MS + 8 * HOUR, nowMs - 2 * HOUR),
      });
    }
  }
  return sessions;
}

export function planTeaching(
  size: DatasetSize,
  shape: Shape,
  org: Organisation,
  residents: PlanResidents,
  rotations: PlanRotations,
  seed: number,
) {
  const random = randomStream(seed, "teaching");
  const { today } = shape;
  const from = today - TEACHING_REACH.past;
  const days = TEACHING_REACH.past + TEACHING_REACH.future + 1;
  const P = org.programmes.length;
  const sessions = sessionsOf(size, org, today, random);

  // Residents at the hospital per programme and day, and each programme's residents.
  const present = new Uint16Array(P * days);
  const members: number[][] = Array.from({ length: P }, () => []);
  for (let r = 0; r < residents.count; r++) {
    const p = residents.programme[r]!;
    members[p]!.push(r);
    for (let day = Math.max(residents.stayStart[r]!, from); day <= Math.min(residents.stayEnd[r]!, from + days - 1); day++)
      present[p * days + day - from]!++;
  }
  const presentOn = (p: number, day: Day) => present[p * days + day - from]!;

  // Rotations per department, by first day, to find who rotates there on a session's day.
  const byDepartment: number[][] = Array.from({ length: org.departments.length }, () => []);
  for (let i = 0; i < rotations.count; i++) byDepartment[rotations.department[i]!]!.push(i);
  for (const list of byDepartment) list.sort((a, b) => rotations.start[a]! - rotations.start[b]!);
  const rotatingProgrammes = (d: number, day: Day) => {
    const list = byDepartment[d]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rotations.start[list[mid]!]! <= day) lo = mid + 1;
      else hi = mid;
    }
    const found = new Set<number>();
    for (let k = lo - 1; k >= 0 && rotations.start[list[k]!]! > day - ROTATION_DAYS.max; k--) {
      if (rotations.end[list[k]!]! >= day) found.add(residents.programme[rotations.resident[list[k]!]!]!);
    }
    return [...found];
  };

  // Each past session is meant for enough programmes to reach the attendance the size asks for.
  const held = sessions.filter((s) => s.confirmedAtMs !== null).length;
  const goal = held ? (size.attendance / held) * 1.15 : 0;
  const demoProgramme = residents.count ? residents.programme[0]! : -1;
  for (const s of sessions) {
    const chosen = new Set<number>();
    // The demo tutor's sessions in the oncology units are for the demo resident's school first.
    if (s.lead === 0 && s.department <= 1 && demoProgramme >= 0) chosen.add(demoProgramme);
    const past = s.confirmedAtMs !== null;
    const wanted = past ? goal : random.int(1, 3);
    let reach = [...chosen].reduce((n, p) => n + (past ? presentOn(p, s.day) : 1), 0);
    for (const p of random.shuffle(rotatingProgrammes(s.department, s.day))) {
      if (reach >= wanted || chosen.size >= MAX_PROGRAMMES) break;
      if (chosen.has(p) || (past && presentOn(p, s.day) === 0)) continue;
      chosen.add(p);
      reach += past ? presentOn(p, s.day) : 1;
    }
    for (let tries = 0; tries < 40 && reach < wanted && chosen.size < MAX_PROGRAMMES && P > 0; tries++) {
      const p = random.int(0, P - 1);
      if (chosen.has(p) || presentOn(p, s.day) === 0) continue;
      chosen.add(p);
      reach += past ? presentOn(p, s.day) : 1;
    }
    if (chosen.size === 0 && P > 0) chosen.add(random.int(0, P - 1));
    s.programmes = [...chosen];
  }
  return { sessions, attendance: attendanceOf(size, sessions, residents, members, random) };
}

/**
 * Attendance of the residents of a held session's programmes who were at the hospital that day, exactly
 * as many rows as the size asks for (when there are enough): every eligible mark is kept with the
 * probability still needed over still available (selection sampling). The demo resident's are all kept.
 */
function attendanceOf(
  size: DatasetSize,
  sessions: PlanSession[],
  residents: PlanResidents,
  members: number[][],
  random: Random,
): PlanAttendance {
  const eligible = (s: PlanSession, visit: (r: number) => void) => {
    if (s.confirmedAtMs === null) return;
    for (const p of s.programmes)
      for (const r of members[p]!) if (residents.stayStart[r]! <= s.day && s.day <= residents.stayEnd[r]!) visit(r);
  };
  let available = 0;
  let forced = 0;
  for (const s of sessions) eligible(s, (r) => (r === 0 ? forced++ : available++));
  let needed = Math.max(0, size.attendance - forced);
  const capacity = Math.min(available, needed) + forced;
  const rows: PlanAttendance = {
    count: 0,
    session: new Int32Array(capacity),
    resident: new Int32Array(capacity),
    status: new Uint8Array(capacity),
  };
  let demoMarks = 0;
  for (const [i, s] of sessions.entries()) {
    eligible(s, (r) => {
      if (r !== 0) {
        const keep = random.next() * available < needed;
        available--;
        if (!keep) return;
        needed--;
      }
      const n = rows.count++;
      rows.session[n] = i;
      rows.resident[n] = r;
      if (r === 0) {
        demoMarks++;
        rows.status[n] = demoMarks % 9 === 4 ? 1 : demoMarks % 17 === 8 ? 2 : 0;
      } else {
        const draw = random.next();
        rows.status[n] = draw < 0.84 ? 0 : draw < 0.94 ? 1 : 2;
      }
    });
  }
  return rows;
}
