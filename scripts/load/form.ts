// Forms read from a page's HTML and submitted as a browser without JavaScript does: every control that
// counts (hidden and text inputs, checked radios and boxes, selected options, text areas) in document
// order, plus the button pressed. The pages are React's server rendering: double-quoted attributes,
// no nested forms, so a few regular expressions are enough.
import { decodeEntities } from "../bench/session";

export type HtmlForm = { attributes: Map<string, string>; body: string };

/** name → value of a tag's attributes; a bare attribute (checked, selected) has the value "". */
export function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  // Values are read as a whole first, so "checked" inside class="has-[:checked]:…" is never taken for
  // the attribute.
  const inner = tag.replace(/^<\w+/, "").replace(/\/?>$/, "");
  for (const [, name, value] of inner.matchAll(/([^\s="'>/]+)(?:\s*=\s*"([^"]*)")?/g)) {
    attributes.set(name!.toLowerCase(), decodeEntities(value ?? ""));
  }
  return attributes;
}

export function formsOf(html: string): HtmlForm[] {
  return [...html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/gi)].map((match) => ({
    attributes: attributesOf(match[1]!),
    body: match[2]!,
  }));
}

/** The first form of the page that has a control named `field`; throws when there is none. */
export function formWith(html: string, field: string, page: string): HtmlForm {
  const form = formsOf(html).find((f) => new RegExp(`\\bname="${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`).test(f.body));
  if (!form) throw new Error(`${page} has no form with a "${field}" field`);
  return form;
}

/** The name/value pairs the browser would send, in order, with the pressed button's pair last. */
export function formValues(form: HtmlForm, pressed?: { name: string; value: string }): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  for (const match of form.body.matchAll(/<(input|select|textarea)\b[^>]*>(?:([\s\S]*?)<\/\1>)?/gi)) {
    const tag = match[1]!.toLowerCase();
    const attributes = attributesOf(match[0].slice(0, match[0].indexOf(">") + 1));
    const name = attributes.get("name");
    if (!name || attributes.has("disabled")) continue;
    if (tag === "input") {
      const type = (attributes.get("type") ?? "text").toLowerCase();
      if (["submit", "button", "image", "reset", "file"].includes(type)) continue;
      if ((type === "radio" || type === "checkbox") && !attributes.has("checked")) continue;
      values.push([name, attributes.get("value") ?? (type === "checkbox" || type === "radio" ? "on" : "")]);
    } else if (tag === "textarea") {
      // React renders a text area's value as its content; the first newline after the tag is not part of it.
      values.push([name, decodeEntities((match[2] ?? "").replace(/^\n/, ""))]);
    } else {
      const options = [...(match[2] ?? "").matchAll(/<option\b[^>]*>/gi)].map((option) => attributesOf(option[0]));
      const selected = options.filter((option) => option.has("selected"));
      const chosen = selected.length ? selected : attributes.has("multiple") ? [] : options.slice(0, 1);
      for (const option of chosen) values.push([name, option.get("value") ?? ""]);
    }
  }
  if (pressed) values.push([pressed.name, pressed.value]);
  return values;
}

/** The checked radio of each group whose name starts with `prefix`: the attendance sheet's marks. */
export function checkedRadios(form: HtmlForm, prefix: string): Map<string, string> {
  const checked = new Map<string, string>();
  const groups = new Set<string>();
  for (const [tag] of form.body.matchAll(/<input\b[^>]*>/gi)) {
    const attributes = attributesOf(tag);
    const name = attributes.get("name");
    if (attributes.get("type") !== "radio" || !name?.startsWith(prefix)) continue;
    groups.add(name.slice(prefix.length));
    if (attributes.has("checked")) checked.set(name.slice(prefix.length), attributes.get("value") ?? "");
  }
  // Every group appears, checked or not: the rows of the sheet.
  for (const group of groups) if (!checked.has(group)) checked.set(group, "");
  return checked;
}
