import { useTranslation } from "react-i18next";
import type { Role } from "~/domain/roles";

const COLOURS: Record<Role, string> = {
  admin: "bg-purple-100 text-purple-900",
  tutor: "bg-teal-100 text-teal-900",
  resident: "bg-amber-100 text-amber-900",
};

export function RoleBadges({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  return (
    <ul className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <li key={role} className={`rounded px-2 py-0.5 text-xs font-medium ${COLOURS[role]}`}>
          {t(`roles.${role}`)}
        </li>
      ))}
    </ul>
  );
}
