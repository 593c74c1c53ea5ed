import type { z } from "~/schemas/z";
import { PAGE_SIZE } from "~/domain/list-query";
import { refuse } from "~/domain/refusal";
import type { Role } from "~/domain/roles";
import { normalizeRoles } from "~/domain/roles";
import type { Locale } from "~/i18n/locale";
import type { userQuerySchema } from "~/schemas/user";
import { prisma, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { assertVersion } from "./concurrency.server";
import { peopleMatching } from "./person-search.server";

export type UserListQuery = z.output<typeof userQuerySchema>;

export async function listUsers(query: UserListQuery, { all = false } = {}) {
  const where: Prisma.UserWhereInput = {
    ...(query.q ? { id: { in: await peopleMatching(query.q) } } : {}),
    ...(query.role ? { roles: { some: { role: query.role } } } : {}),
    ...(query.status === "all" ? {} : { active: query.status === "active" }),
  };
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      ...(all ? {} : { skip: (query.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      select: {
        id: true,
        name: true,
        email: true,
        active: true,
        createdAt: true,
        passwordHash: true,
        roles: { select: { role: true } },
      },
    }),
  ]);
  return {
    total,
    users: rows.map(({ passwordHash, roles, ...user }) => ({
      ...user,
      hasPassword: passwordHash !== null,
      roles: normalizeRoles(roles.map((r) => r.role)),
    })),
  };
}

export async function getUserForAdmin(id: string) {
  const user = await prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      email: true,
      language: true,
      active: true,
      deactivatedAt: true,
      mailRefusedAt: true,
      createdAt: true,
      updatedAt: true,
      passwordHash: true,
      roles: { select: { role: true } },
      createdBy: { select: { name: true } },
      _count: { select: { sessions: true } },
    },
  });
  if (!user) return null;
  const { passwordHash, roles, _count, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null, roles: normalizeRoles(roles.map((r) => r.role)), sessionCount: _count.sessions };
}

export type AccountInput = { name: string; email: string; roles: Role[]; language?: Locale };

/** The fields of a person the audit trail follows (never the password hash). */
const audited = (input: { name: string; email: string; language?: string | null; roles: string[] }) => ({
  name: input.name,
  email: input.email,
  language: input.language ?? null,
  roles: [...input.roles].sort(),
});

export async function createUser(input: AccountInput, createdById: string | null) {
  return prisma.$transaction(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (taken) refuse("email", "errors.emailTaken");
    const user = await tx.user.create({
      data: {
        name: input.name,
        email: input.email,
        language: input.language ?? null,
        createdById,
        roles: { create: input.roles.map((role) => ({ role })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: createdById,
      action: "create",
      entityType: "user",
      entityId: user.id,
      before: null,
      after: audited(input),
    });
    return user;
  });
}

/**
 * Saves an administrator's edit, refusing it when the record changed since the editor loaded it
 * (`version` is the updatedAt they saw), so no one overwrites a colleague's change unknowingly.
 */
export async function updateUser(id: string, input: AccountInput, version: string, actorId: string | null) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.user.findUnique({
      where: { id },
      select: { updatedAt: true, name: true, email: true, language: true, roles: { select: { role: true } } },
    });
    if (!current) throw new Response("Not found", { status: 404 });
    assertVersion(current, version);
    const taken = await tx.user.findFirst({ where: { email: input.email, id: { not: id } }, select: { id: true } });
    if (taken) refuse("email", "errors.emailTaken");
    await tx.userRole.deleteMany({ where: { userId: id } });
    await tx.user.update({
      where: { id },
      data: {
        name: input.name,
        email: input.email,
        language: input.language ?? null,
        // A new address is not the one the mail server refused.
        ...(input.email !== current.email ? { mailRefusedAt: null } : {}),
        roles: { create: input.roles.map((role) => ({ role })) },
      },
    });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "user",
      entityId: id,
      before: audited({ ...current, roles: current.roles.map((r) => r.role) }),
      after: audited(input),
    });
  });
}

/** A deactivated account keeps everything it made, but its sessions end and it cannot sign in. */
export async function setActive(id: string, active: boolean, actorId: string | null) {
  await prisma.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id }, select: { active: true, deactivatedAt: true } });
    const deactivatedAt = active ? null : new Date();
    await tx.user.update({ where: { id }, data: { active, deactivatedAt } });
    if (!active) await tx.session.deleteMany({ where: { userId: id } });
    await recordAudit(tx, {
      actorId,
      action: "update",
      entityType: "user",
      entityId: id,
      before: current,
      after: { active, deactivatedAt },
    });
  });
}

/** What the profile page shows of its owner: name, e-mail, chosen language and whether a calendar feed exists. */
export async function profileOf(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { name: true, email: true, language: true, calendarTokenHash: true },
  });
}

/** The stored password hash and e-mail, to check a password change against. */
export async function passwordOf(userId: string) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true } });
}

/** Remembers the language a person chose, for every device they sign in on. */
export async function setLanguage(userId: string, language: Locale) {
  await prisma.user.update({ where: { id: userId }, data: { language } });
}

/** The roles a person holds. */
export async function rolesOf(userId: string): Promise<Role[]> {
  const rows = await prisma.userRole.findMany({ where: { userId }, select: { role: true } });
  return normalizeRoles(rows.map((r) => r.role));
}
