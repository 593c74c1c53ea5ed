import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { expect, expectAccessible, test } from "./fixtures";

test.describe("programmes, as an administrator", () => {
  test("create with the standard length, refuse a duplicate, edit, export, and delete or archive", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const university = await prisma.university.create({ data: { name: `Ateneo Scuole ${randomUUID().slice(0, 6)}`, city: "Bergamo" } });

    await page.goto(`/admin/programmes/new?university=${university.id}`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Choose the specialty from the national list.")).toBeVisible();
    await page.getByLabel("Specialty").selectOption({ label: "Nuclear medicine" });
    await page.getByLabel("Director", { exact: true }).fill("Prof.ssa Elena Riva");
    await page.getByLabel("Director's e-mail").fill("elena.riva@example.it");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Nuclear medicine created.");
    await expect(page.getByLabel("Length (years)")).toHaveValue("4");
    await expect(page.getByLabel("Most suspended time (days)")).toHaveValue("365");
    await expectAccessible(page);
    const url = page.url();

    // The same specialty twice at one university is refused next to the field.
    await page.goto(`/admin/programmes/new?university=${university.id}`);
    await page.getByLabel("Specialty").selectOption({ label: "Nuclear medicine" });
    await page.getByLabel("Director", { exact: true }).fill("Prof. Altro");
    await page.getByLabel("Director's e-mail").fill("altro@example.it");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("This university already has a programme in this specialty.")).toBeVisible();
    expect(await prisma.programme.count({ where: { universityId: university.id } })).toBe(1);

    await page.goto(url);
    await page.getByLabel("Most suspended time (days)").fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Enter a whole number of days from 1 to 3650.")).toBeVisible();
    await page.getByLabel("Most suspended time (days)").fill("540");
    await page.getByLabel("Length (years)").fill("5");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Nuclear medicine saved.");
    await expect(page.getByRole("region", { name: "History" }).getByRole("insertion").first()).toHaveText("5");
    expect((await prisma.programme.findFirstOrThrow({ where: { universityId: university.id } })).maxSuspensionDays).toBe(540);

    // Search finds it by the specialty's Italian name too.
    await page.goto(`/admin/programmes?q=${encodeURIComponent("Medicina nucleare")}&university=${university.id}`);
    await expect(page.getByRole("link", { name: "Nuclear medicine" })).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = await readFile(await (await download).path(), "utf8");
    expect(csv).toContain("Prof.ssa Elena Riva");
    expect(csv.trim().split("\r\n")).toHaveLength(2);

    // With a resident it cannot be deleted, only archived.
    const programme = await prisma.programme.findFirstOrThrow({ where: { universityId: university.id } });
    const resident = await prisma.user.create({ data: { email: `res-${randomUUID()}@example.test`, name: "Specializzando Prova" } });
    await prisma.resident.create({
      data: {
        userId: resident.id,
        programmeId: programme.id,
        yearOfTraining: 1,
        studentNumber: randomUUID().slice(0, 8),
        stayStart: new Date("2026-01-01"),
        stayEnd: new Date("2026-12-31"),
      },
    });
    await page.goto(url);
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("alert")).toContainText("1 residents, 0 agreements");
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("status")).toHaveText("Nuclear medicine archived.");
    expect(await prisma.programme.count({ where: { id: programme.id, archivedAt: { not: null } } })).toBe(1);
  });
});
