import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LinkButton } from "~/components/link-button";

/**
 * Previous/next links that keep every other parameter of the list's URL. `summary` says what is counted
 * when "results" would not; a page with several paged lists gives each its own `param`, and names it (`of`)
 * so that each navigation has its own name.
 */
export function Pagination({
  page,
  pages,
  total,
  summary,
  param = "page",
  of,
}: {
  page: number;
  pages: number;
  total: number;
  summary?: string;
  param?: string;
  of?: string;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set(param, String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav
      aria-label={of ? t("list.pagesOf", { list: of }) : t("list.pagination")}
      className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm"
    >
      <p>{summary ?? t("list.pageOf", { page, pages, count: total })}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <LinkButton to={hrefFor(page - 1)} rel="prev" small>
            {t("list.previous")}
          </LinkButton>
        ) : null}
        {page < pages ? (
          <LinkButton to={hrefFor(page + 1)} rel="next" small>
            {t("list.next")}
          </LinkButton>
        ) : null}
      </div>
    </nav>
  );
}
