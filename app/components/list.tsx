import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { linkButtonLook } from "~/components/link-button";

/**
 * Building blocks of the administrators' lists. Search, filters, sort and page live in the URL
 * (a GET form), so every list can be bookmarked, shared and exported as it is shown.
 */
export function FilterForm({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  return (
    <Form
      method="get"
      role="search"
      aria-label={label}
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      {children}
      {/* Sorting survives a new search; the page starts again at 1. */}
      {["sort", "dir"].map((name) =>
        searchParams.get(name) ? <input key={name} type="hidden" name={name} value={searchParams.get(name) ?? ""} /> : null,
      )}
      <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white hover:bg-slate-700">
        {t("list.apply")}
      </button>
    </Form>
  );
}

export function SearchFilter({ value, label }: { value: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col">
      <label htmlFor="q" className="text-sm font-medium">
        {label ?? t("list.search")}
      </label>
      <input id="q" name="q" type="search" defaultValue={value} className="mt-1 rounded border border-slate-400 px-3 py-2" />
    </div>
  );
}

export function SelectFilter({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  /** The "no filter" choice; omit when the filter always has a value. */
  allLabel?: string;
}) {
  return (
    <div className="flex flex-col">
      <label htmlFor={`filter-${name}`} className="text-sm font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value} className="mt-1 max-w-xs rounded border border-slate-400 px-3 py-2">
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A month to show, as "YYYY-MM" (the browser's month picker, or a text field where there is none, whose
 * hint the screen reader gives). `value` is the month shown; the form's next submission carries the new one.
 */
export function MonthFilter({ id, label, hint, value }: { id: string; label: string; hint: string; value: string }) {
  return (
    <div className="flex flex-col">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        key={value}
        id={id}
        name="month"
        type="month"
        defaultValue={value}
        placeholder="2026-03"
        aria-describedby={`${id}-hint`}
        className="mt-1 rounded border border-slate-400 px-3 py-2"
      />
      <span id={`${id}-hint`} className="sr-only">
        {hint}
      </span>
    </div>
  );
}

/** A column header that sorts the list by this column, toggling the direction. */
export function SortHeader({
  column,
  current,
  dir,
  children,
}: {
  column: string;
  current: string;
  dir: "asc" | "desc";
  children: ReactNode;
}) {
  const [searchParams] = useSearchParams();
  const params = new URLSearchParams(searchParams);
  params.set("sort", column);
  params.set("dir", current === column && dir === "asc" ? "desc" : "asc");
  params.delete("page");
  const active = current === column;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined} className="px-3 py-2">
      <Link to={`?${params}`} className="underline">
        {children}
        {active ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

export function PlainHeader({ children, align }: { children: ReactNode; align?: "right" }) {
  return (
    <th scope="col" className={`px-3 py-2 ${align === "right" ? "text-right" : ""}`}>
      {children}
    </th>
  );
}

/** Downloads the list as shown (same filters and sort) from the resource route `href`. */
export function ExportLink({ href }: { href: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.delete("page");
  const query = params.toString();
  return (
    <a href={query ? `${href}?${query}` : href} download className={linkButtonLook({ white: true })}>
      {t("list.exportCsv")}
    </a>
  );
}

/** The table of a list, scrolling sideways on a phone rather than squeezing its columns. */
export function ListTable({ caption, head, children }: { caption: string; head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function EmptyList() {
  const { t } = useTranslation();
  return <p className="rounded border border-slate-200 bg-white p-4">{t("list.noResults")}</p>;
}

/** The "in use / archived / all" filter of the institutional lists. */
export function ArchiveFilter({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <SelectFilter
      name="status"
      label={label}
      value={value}
      options={[
        { value: "active", label: t("records.statusActive") },
        { value: "archived", label: t("records.statusArchived") },
        { value: "all", label: t("list.all") },
      ]}
    />
  );
}

/**
 * A wide table's frame on a narrow screen: it scrolls sideways by itself (the page does not), and a
 * keyboard user can focus it to scroll it, which is why it is a labelled region.
 */
export function ScrollRegion({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <div role="region" aria-label={label} tabIndex={0} className={`max-w-full overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
