import { describe, expect, it } from "vitest";
import { en } from "./en";
import { it as itCatalogue } from "./it";

type Tree = { [key: string]: unknown };

/** Every leaf of a catalogue as [dotted key, value]. */
function leaves(tree: Tree, prefix = ""): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return value !== null && typeof value === "object" ? leaves(value as Tree, path) : [[path, value]];
  });
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1] ?? ""))].sort();
}

const english = new Map(leaves(en));
const italian = new Map(leaves(itCatalogue));

describe("translation catalogues", () => {
  it("have exactly the same keys", () => {
    const missingInItalian = [...english.keys()].filter((key) => !italian.has(key));
    const missingInEnglish = [...italian.keys()].filter((key) => !english.has(key));
    expect(missingInItalian).toEqual([]);
    expect(missingInEnglish).toEqual([]);
    expect(english.size).toBeGreaterThan(50);
  });

  it("have no empty values", () => {
    for (const [name, catalogue] of [
      ["en", english],
      ["it", italian],
    ] as const) {
      const empty = [...catalogue].filter(([, value]) => typeof value !== "string" || value.trim() === "");
      expect(empty.map(([key]) => `${name}:${key}`)).toEqual([]);
    }
  });

  it("use the same {{placeholders}} in both languages", () => {
    const mismatched: string[] = [];
    for (const [key, value] of english) {
      const other = italian.get(key);
      if (typeof value !== "string" || typeof other !== "string") continue;
      const a = placeholders(value);
      const b = placeholders(other);
      if (a.join() !== b.join()) mismatched.push(`${key}: en {${a.join()}} it {${b.join()}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("keep the plural forms i18next needs", () => {
    const plurals = [...english.keys()].filter((key) => key.endsWith("_one"));
    expect(plurals.length).toBeGreaterThan(0);
    for (const key of plurals) {
      const other = key.replace(/_one$/, "_other");
      expect(english.has(other), other).toBe(true);
      expect(placeholders(String(english.get(other)))).toContain("count");
    }
  });
});
