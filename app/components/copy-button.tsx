import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies a text to the clipboard; shown only once the page runs JavaScript (the field stays selectable). */
export function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation();
  const [ready, setReady] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
      }}
      className="rounded bg-green-800 px-4 py-2 text-white hover:bg-green-900"
    >
      <span aria-live="polite">{copied ? t("common.copied") : t("common.copy")}</span>
    </button>
  );
}
