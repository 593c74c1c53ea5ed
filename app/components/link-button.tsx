import { Link, type LinkProps } from "@remix-run/react";

/**
 * The look of a secondary action: an outlined button that is usually a link (back to the list, to the
 * board, to a related record). `white` fills it, for the pages whose buttons stand on the grey page
 * background; `small` is the pager's size (previous/next). `className` adds to the look, never replaces it.
 */
export function linkButtonLook({ small = false, white = false, className }: { small?: boolean; white?: boolean; className?: string } = {}) {
  return [
    "rounded border border-slate-400",
    white ? "bg-white" : null,
    small ? "px-3 py-1.5" : "px-4 py-2",
    className,
    "hover:bg-slate-100",
  ]
    .filter(Boolean)
    .join(" ");
}

/** The usual look, for what cannot be a `<LinkButton>`: an `<a download>`, a `<button formAction>`. */
export const linkButtonClass = linkButtonLook();

/** Remix's `Link`, looking like a secondary button. */
export function LinkButton({ small, white, className, ...props }: LinkProps & { small?: boolean; white?: boolean }) {
  return <Link {...props} className={linkButtonLook({ small, white, className })} />;
}
