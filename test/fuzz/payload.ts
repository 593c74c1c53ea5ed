import fc from "fast-check";
import { nastyValue, strangeName } from "./values";

/** A form as the browser sends it: ordered name/value pairs; a value may be a file. */
export type Fields = Array<[name: string, value: string | File]>;

/** One change to a valid form. Indexes are taken modulo the form's length when applied. */
export type Mutation =
  | { op: "drop"; at: number }
  | { op: "replace"; at: number; value: string }
  | { op: "repeat"; at: number; value: string }
  | { op: "file"; at: number; bytes: string }
  | { op: "add"; name: string; value: string };

export function mutation(ids: string[], names: string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  const value = nastyValue(ids);
  const name = names.length ? fc.oneof(fc.constantFrom(...names), strangeName) : strangeName;
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ op: fc.constant("drop" as const), at }) },
    { weight: 5, arbitrary: fc.record({ op: fc.constant("replace" as const), at, value }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("repeat" as const), at, value }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("file" as const),
        at,
        bytes: fc.constantFrom("%PDF-1.4 but not", "<html>", "\u0000\u0001", ""),
      }),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("add" as const), name, value }) },
  );
}

/** The form after the mutations, each applied to the result of the previous one. */
export function mutate(base: Fields, mutations: Mutation[]): Fields {
  let fields = [...base];
  for (const m of mutations) {
    if (m.op === "add") {
      fields.push([m.name, m.value]);
      continue;
    }
    if (!fields.length) continue;
    const i = m.at % fields.length;
    const [name] = fields[i]!;
    if (m.op === "drop") fields = fields.filter((_, j) => j !== i);
    else if (m.op === "replace") fields[i] = [name, m.value];
    else if (m.op === "repeat") fields.splice(i + 1, 0, [name, m.value]);
    else fields[i] = [name, new File([m.bytes], "upload.pdf", { type: "application/pdf" })];
  }
  return fields;
}

export function formDataOf(fields: Fields): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

/** For a failure's report: the form with long values cut short. */
export function describe(fields: Fields): string {
  return JSON.stringify(
    fields.map(([name, value]) => [
      name.length > 60 ? `${name.slice(0, 60)}…(${name.length})` : name,
      typeof value === "string" ? (value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value) : `<file ${value.size} B>`,
    ]),
  );
}
