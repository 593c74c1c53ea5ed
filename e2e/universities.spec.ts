import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { expect, expectAccessible, test } from "./fixtures";

test.describe("universities, as an administrator", () => {
  test("create, edit, see the history, export and delete", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const name = `Università di Prova ${randomUUID().slice(0, 6)}`;

    await page.goto("/admin/universities/new");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("City").fill("Varese");
    await page.getByLabel("Contact e-mail").fill("not an e-mail");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await page.getByLabel("Contact e-mail").fill("scuole@prova.example.it");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} created.`);
    await expectAccessible(page);

    await page.getByLabel("City").fill("Como");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} saved.`);
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByRole("listitem").first()).toContainText("Changed");
    await expect(history.getByRole("deletion").first()).toHaveText("Varese");
    await expect(history.getByRole("insertion").first()).toHaveText("Como");

    await page.goto(`/admin/universities?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
    await expect(page.getByRole("searchbox")).toHaveValue(name);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const csv = await readFile(await (await download).path(), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(name);
    expect(csv.split("\r\n").length).toBe(3); // header, one row, final newline

    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("status")).toHaveText(`${name} deleted.`);
    expect(await prisma.university.count({ where: { name } })).toBe(0);
  });

  test("a university with programmes cannot be deleted, only archived", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const university = await prisma.university.create({
      data: {
        name: `Ateneo ${randomUUID().slice(0, 6)}`,
        city: "Pavia",
        programmes: { create: { specialtyCode: "ematologia", directorName: "Prof. A", directorEmail: "a@b.it", durationYears: 4 } },
      },
    });
    await page.goto(`/admin/universities/${university.id}`);
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("alert")).toContainText("This record cannot be deleted");
    await expect(page.getByRole("alert")).toContainText("1 programmes, 0 agreements");
    expect(await prisma.university.count({ where: { id: university.id } })).toBe(1);
    await page.getByRole("button", { name: "Archive" }).click();
    await expect(page.getByRole("status")).toHaveText(`${university.name} archived.`);
    expect((await prisma.university.findUniqueOrThrow({ where: { id: university.id } })).archivedAt).not.toBeNull();
  });

  test("the second of two concurrent edits is refused", async ({ page, context, loginAs }) => {
    await loginAs(["admin"]);
    const university = await prisma.university.create({ data: { name: `Ateneo ${randomUUID().slice(0, 6)}`, city: "Milano" } });
    const other = await context.newPage();
    await page.goto(`/admin/universities/${university.id}`);
    await other.goto(`/admin/universities/${university.id}`);

    await page.getByLabel("City").fill("Bergamo");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("saved");

    await other.getByLabel("City").fill("Brescia");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByRole("alert")).toContainText("Someone else changed this record");
    await expect(other.getByRole("link", { name: "Reload the latest version" })).toBeVisible();
    expect((await prisma.university.findUniqueOrThrow({ where: { id: university.id } })).city).toBe("Bergamo");
  });
});
