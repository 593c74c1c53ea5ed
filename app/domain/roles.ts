/** The three fixed roles of the portal. One person may hold several. */
export const ROLES = ["admin", "tutor", "resident"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Where each role lands after sign-in. */
export const ROLE_HOME: Record<Role, string> = {
  admin: "/admin",
  tutor: "/tutor",
  resident: "/me",
};

/** The home of a person with these roles: the most powerful role first. */
export function homePathFor(roles: readonly Role[]): string {
  const first = ROLES.find((role) => roles.includes(role));
  return first ? ROLE_HOME[first] : "/profile";
}

/** Roles in the canonical order, without duplicates or unknown values. */
export function normalizeRoles(values: readonly unknown[]): Role[] {
  return ROLES.filter((role) => values.includes(role));
}
