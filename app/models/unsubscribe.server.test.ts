import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { preferencesOf, setPreferences } from "./notification.server";
import { mailChoiceOf, stopMail } from "./unsubscribe.server";

const person = (active = true) => {
  const tag = randomUUID().slice(0, 8);
  return prisma.user.create({ data: { email: `u-${tag}@example.test`, name: `Persona ${tag}`, active } });
};

describe("the one-click unsubscribe", () => {
  it("reads the mode in force, the default when none was chosen", async () => {
    const reader = await person();
    expect(await mailChoiceOf(reader.id, "rotations")).toBe("immediate");
    expect(await mailChoiceOf(reader.id, "logbook")).toBe("daily");
    await setPreferences(reader.id, { rotations: "weekly" });
    expect(await mailChoiceOf(reader.id, "rotations")).toBe("weekly");
  });

  it("turns one category's e-mails off, and only that one", async () => {
    const reader = await person();
    await setPreferences(reader.id, { rotations: "weekly", logbook: "immediate" });
    expect(await stopMail(reader.id, "rotations")).toBe(true);
    expect(await preferencesOf(reader.id)).toMatchObject({ rotations: "portal", logbook: "immediate", attendance: "immediate" });
    // Again: still the portal only, nothing else touched.
    expect(await stopMail(reader.id, "rotations")).toBe(true);
    expect(await prisma.notificationPreference.count({ where: { userId: reader.id } })).toBe(2);
  });

  it("knows nobody who is not an active person, and changes nothing for them", async () => {
    const gone = await person(false);
    for (const userId of [gone.id, "no-such-person"]) {
      expect(await mailChoiceOf(userId, "rotations")).toBeNull();
      expect(await stopMail(userId, "rotations")).toBe(false);
    }
    expect(await prisma.notificationPreference.count({ where: { userId: gone.id } })).toBe(0);
  });
});
