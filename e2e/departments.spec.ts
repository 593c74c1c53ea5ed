import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { createUser, expect, test } from "./fixtures";

test.describe("departments, as an administrator", () => {
  test("create with head and tutors, change the staff, see the history, export, archive and delete", async ({ page, context, loginAs }) => {
    await loginAs(["admin"]);
    const head = await createUser(["tutor"], { name: `Dott.ssa Capo ${randomUUID().slice(0, 4)}` });
    const tutor = await createUser(["tutor"], { name: `Dott. Tutor ${randomUUID().slice(0, 4)}` });
    const name = `Oncologia Sperimentale ${randomUUID().slice(0, 6)}`;

    await page.goto("/admin/departments/new");
    await page.getByLabel("Capacity").fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Enter a whole number from 1 to 500.")).toBeVisible();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Capacity").fill("6");
    await page.getByLabel("Head").selectOption({ label: head.name });
    await page.getByRole("checkbox", { name: tutor.name }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} created.`);
    // The head joined the staff.
    const staff = page.getByRole("region", { name: "Tutors" });
    await expect(staff.getByText(head.name)).toBeVisible();
    await expect(staff.getByText(tutor.name)).toBeVisible();

    // A second editor working from the same version is refused.
    const other = await context.newPage();
    await other.goto(page.url());
    await other.locator("html[data-hydrated]").waitFor({ state: "attached" });

    await page.getByRole("checkbox", { name: tutor.name }).uncheck();
    await page.getByLabel("Capacity").fill("8");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} saved.`);
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("deletion").filter({ hasText: tutor.name })).toBeVisible();

    await other.getByLabel("Capacity").fill("3");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByRole("alert")).toContainText("Someone else changed this record");
    const saved = await prisma.department.findFirstOrThrow({ where: { name }, include: { tutors: true } });
    expect(saved.capacity).toBe(8);
    expect(saved.tutors.map((t) => t.userId)).toEqual([head.id]);

    await page.goto(`/admin/departments?q=${encodeURIComponent(name)}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = await readFile(await (await download).path(), "utf8");
    expect(csv).toContain(name);
    expect(csv).toContain(head.name);

    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} archived.`);
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} deleted.`);
    expect(await prisma.department.count({ where: { name } })).toBe(0);
  });

  test("someone without the tutor role cannot be put on the staff", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const resident = await createUser(["resident"]);
    await page.goto("/admin/departments/new");
    const response = await page.request.post("/admin/departments/new", {
      headers: { Origin: new URL(page.url()).origin },
      form: { name: `Reparto ${randomUUID().slice(0, 6)}`, capacity: "3", tutorIds: resident.id },
    });
    expect(response.status()).toBe(400);
    expect(await prisma.departmentTutor.count({ where: { userId: resident.id } })).toBe(0);
  });
});
