import { useTranslation } from "react-i18next";

type ToastData = { kind: "success" | "error" | "info"; message: string; values?: Record<string, string | number> };

const STYLES = {
  success: "border-green-700 bg-green-50 text-green-900",
  error: "border-red-700 bg-red-50 text-red-900",
  info: "border-blue-700 bg-blue-50 text-blue-900",
};

/** A message carried over a redirect, announced to screen readers. */
export function Toast({ toast }: { toast: ToastData }) {
  const { t } = useTranslation();
  return (
    <div role={toast.kind === "error" ? "alert" : "status"} className={`mb-4 rounded border-l-4 p-3 ${STYLES[toast.kind]}`}>
      {/* Keys come from our own actions; unknown keys fall back to the key itself. */}
      {t(toast.message as never, toast.values ?? {})}
    </div>
  );
}
