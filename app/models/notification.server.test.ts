import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  markAllRead,
  markRead,
  notificationsOf,
  notify,
  preferencesOf,
  sendSecurityMail,
  setPreferences,
  unreadCount,
} from "./notification.server";

const person = (language: string | null = "en", active = true) => {
  const tag = randomUUID().slice(0, 8);
  return prisma.user.create({ data: { email: `n-${tag}@example.test`, name: `Persona ${tag}`, language, active } });
};
const returned = { kind: "logbook-returned", params: { activity: "First visit", date: "2026-12-01" }, link: "/me/logbook" } as const;

describe("notify", () => {
  it("writes one notification per active reader and queues the e-mail of those who want it at once", async () => {
    const [atOnce, digest, portalOnly, gone] = [await person(), await person("it"), await person(null), await person("en", false)];
    await setPreferences(digest.id, { logbook: "daily" });
    await setPreferences(atOnce.id, { logbook: "immediate" });
    await setPreferences(portalOnly.id, { logbook: "portal" });
    const count = await prisma.$transaction((tx) => notify(tx, [atOnce.id, digest.id, portalOnly.id, gone.id, atOnce.id], returned));
    expect(count).toBe(3);
    const rows = await prisma.notification.findMany({ where: { userId: { in: [atOnce.id, digest.id, portalOnly.id, gone.id] } } });
    expect(rows.map((row) => [row.userId, row.delivery, row.mailedAt !== null]).sort()).toEqual(
      [
        [atOnce.id, "immediate", true],
        [digest.id, "daily", false],
        [portalOnly.id, "portal", false],
      ].sort(),
    );
    const mails = await prisma.outboxMessage.findMany({ where: { userId: { in: [atOnce.id, digest.id, portalOnly.id, gone.id] } } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: atOnce.email, locale: "en", category: "logbook", status: "queued", secret: false });
    expect(JSON.parse(mails[0]!.payload)).toEqual(returned);
    expect(mails[0]!.messageId).toMatch(/^[0-9a-f-]{36}@/);
  });

  it("writes nothing when the change that caused it rolls back", async () => {
    const reader = await person();
    await expect(
      prisma.$transaction(async (tx) => {
        await notify(tx, [reader.id], returned);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.notification.count({ where: { userId: reader.id } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { userId: reader.id } })).toBe(0);
  });

  it("sends a security message at once even to a person who chose the portal only, and keeps it out of the portal", async () => {
    const reader = await person("it");
    await setPreferences(reader.id, { security: "portal" } as never);
    expect(await prisma.notificationPreference.count({ where: { userId: reader.id } })).toBe(0);
    await prisma.$transaction((tx) =>
      sendSecurityMail(tx, reader.id, {
        kind: "password-link",
        params: { path: "/set-password/abc" },
        link: "/set-password/abc",
        secret: true,
      }),
    );
    expect(await prisma.notification.count({ where: { userId: reader.id } })).toBe(0);
    expect(await prisma.outboxMessage.findFirst({ where: { userId: reader.id } })).toMatchObject({
      category: "security",
      locale: "it",
      secret: true,
    });
  });
});

describe("the reader's notifications", () => {
  it("counts the unread, marks one and then all read, and never touches another person's", async () => {
    const [reader, other] = [await person(), await person()];
    await prisma.$transaction((tx) => notify(tx, [reader.id, other.id], returned));
    await prisma.$transaction((tx) => notify(tx, [reader.id], { ...returned, link: "/me/logbook?month=2026-11" }));
    expect(await unreadCount(reader.id)).toBe(2);
    const { notifications, unread, total } = await notificationsOf(reader.id);
    expect({ unread, total }).toEqual({ unread: 2, total: 2 });
    expect(notifications[0]).toMatchObject({ kind: "logbook-returned", params: returned.params, readAt: null });

    const theirs = await prisma.notification.findFirstOrThrow({ where: { userId: other.id } });
    expect(await markRead(reader.id, theirs.id)).toBeNull();
    expect(await unreadCount(other.id)).toBe(1);

    expect(await markRead(reader.id, notifications[0]!.id)).toBe(notifications[0]!.link);
    expect(await unreadCount(reader.id)).toBe(1);
    expect(await markAllRead(reader.id)).toBe(1);
    expect(await unreadCount(reader.id)).toBe(0);
    expect(await unreadCount(other.id)).toBe(1);
  });

  it("shows every choosable category with its default until the person chooses", async () => {
    const reader = await person();
    expect(await preferencesOf(reader.id)).toMatchObject({ agreements: "immediate", logbook: "daily" });
    await setPreferences(reader.id, { agreements: "weekly" });
    expect((await preferencesOf(reader.id)).agreements).toBe("weekly");
    expect(Object.keys(await preferencesOf(reader.id))).not.toContain("security");
  });
});
