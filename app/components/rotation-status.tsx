import { useTranslation } from "react-i18next";
import type { RotationStatus } from "~/domain/rotation-rules";

const STYLES: Record<RotationStatus, string> = {
  planned: "bg-slate-200 text-slate-900",
  confirmed: "bg-sky-100 text-sky-900",
  "in-progress": "bg-green-100 text-green-900",
  completed: "bg-zinc-200 text-zinc-900",
  cancelled: "bg-red-100 text-red-900 line-through",
};

export function RotationStatusBadge({ status }: { status: RotationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>
      {t(`rotations.statuses.${status}`)}
    </span>
  );
}
