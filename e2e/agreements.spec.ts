import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { addDays, hospitalToday, toIsoDate } from "~/domain/dates";
import { prisma } from "~/utils/db.server";
import { expect, expectAccessible, test } from "./fixtures";

async function universityWithProgrammes() {
  const tag = randomUUID().slice(0, 6);
  return prisma.university.create({
    data: {
      name: `Ateneo Convenzioni ${tag}`,
      city: "Varese",
      programmes: {
        create: [
          { specialtyCode: "oncologia-medica", directorName: "Prof. Uno", directorEmail: "uno@example.it", durationYears: 5 },
          { specialtyCode: "radioterapia", directorName: "Prof. Due", directorEmail: "due@example.it", durationYears: 4 },
        ],
      },
    },
    include: { programmes: true },
  });
}

const day = (offset: number) => toIsoDate(addDays(hospitalToday(), offset));

test.describe("agreements, as an administrator", () => {
  test("create, attach the signed PDF, renew, terminate and find it on the dashboard", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const university = await universityWithProgrammes();

    await page.goto("/admin/agreements/new");
    await page.getByLabel("Choose the university").selectOption(university.id);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New agreement" })).toBeVisible();
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expectAccessible(page);

    // Broken rules are refused with a message next to the field.
    await page.getByLabel("Valid from").fill(day(-100));
    await page.getByLabel("Valid until").fill(day(-200));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The end must come after the start.")).toBeVisible();
    await expect(page.getByText("Cover at least one programme: enter its posts.")).toBeVisible();

    await page.getByLabel("Valid until").fill(day(60));
    await page.getByLabel("Posts: Medical oncology").fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("At least 1 post.")).toBeVisible();
    await page.getByLabel("Posts: Medical oncology").fill("4");
    await page.getByLabel("Posts: Radiation oncology").fill("2");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Agreement created.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Draft");
    const agreementUrl = page.url();

    // A file that only claims to be a PDF is refused; a real one is attached and downloadable.
    await page
      .getByLabel("PDF file")
      .setInputFiles({ name: "firmata.pdf", mimeType: "application/pdf", buffer: Buffer.from("not really a pdf") });
    await page.getByRole("button", { name: "Attach the signed PDF" }).click();
    await expect(page.getByRole("alert")).toHaveText("This file is not a PDF (its content was checked, not its name).");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
    await page.getByLabel("PDF file").setInputFiles({ name: "convenzione firmata.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: "Attach the signed PDF" }).click();
    await expect(page.getByRole("status")).toHaveText("Signed document attached.");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /Download convenzione firmata\.pdf/ }).click();
    expect(await readFile(await (await download).path())).toEqual(pdf);

    // Recording the signature makes it active; ending within 90 days makes it "expiring".
    await page.getByLabel("Signed on").fill(day(-101));
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Agreement saved.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Expiring");
    const history = page.getByRole("region", { name: "History" });
    await expect(history.getByText("Document attached")).toBeVisible();

    await page.goto("/admin");
    await expect(
      page.getByRole("region", { name: "Agreements expiring within 90 days" }).getByRole("link", { name: university.name }),
    ).toBeVisible();

    // Renew: a linked draft starting the day after.
    await page.goto(agreementUrl);
    await page.getByRole("button", { name: "Renew" }).click();
    await expect(page.getByRole("status")).toHaveText(/Renewal draft created/);
    await expect(page.getByLabel("Valid from")).toHaveValue(day(61));
    await expect(page.getByRole("link", { name: /Renews the agreement of/ })).toBeVisible();

    // Terminate the original early.
    await page.goto(agreementUrl);
    await page.getByLabel("Last day of validity").fill(day(-200));
    await page.getByLabel("Reason").fill("Recesso anticipato");
    await page.getByRole("button", { name: "Terminate the agreement" }).click();
    await expect(page.getByText("The termination cannot come before the agreement starts.")).toBeVisible();
    await page.getByLabel("Last day of validity").fill(day(-1));
    await page.getByRole("button", { name: "Terminate the agreement" }).click();
    await expect(page.getByRole("status")).toHaveText("Agreement terminated.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Terminated");
    await expectAccessible(page);
  });

  test("two agreements cannot cover the same programme in overlapping periods", async ({ page, loginAs }) => {
    await loginAs(["admin"]);
    const university = await universityWithProgrammes();
    const oncology = university.programmes.find((p) => p.specialtyCode === "oncologia-medica")!;
    const existing = await prisma.agreement.create({
      data: {
        universityId: university.id,
        facilityRole: "collegata",
        startDate: addDays(hospitalToday(), -30),
        endDate: addDays(hospitalToday(), 300),
        signedOn: addDays(hospitalToday(), -40),
        programmes: { create: { programmeId: oncology.id, posts: 3 } },
      },
    });
    await page.goto(`/admin/agreements/new?university=${university.id}`);
    await page.getByLabel("Valid from").fill(day(100));
    await page.getByLabel("Valid until").fill(day(500));
    await page.getByLabel("Posts: Medical oncology").fill("2");
    await page.getByRole("button", { name: "Save" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Medical oncology");
    await expect(alert).toContainText("is already covered by another agreement");
    await expect(alert.getByRole("link", { name: "Open the conflicting agreement" })).toHaveAttribute(
      "href",
      `/admin/agreements/${existing.id}`,
    );
    expect(await prisma.agreement.count({ where: { universityId: university.id } })).toBe(1);
  });

  test("the list filters by status and exports what it shows", async ({ page, loginAs }) => {
    await loginAs(["admin"], { language: "it" });
    // A demo university nobody else's test touches, so the rows cannot change under the test.
    const brescia = await prisma.university.findFirstOrThrow({ where: { name: "Università degli Studi di Brescia" } });
    await page.goto(`/admin/agreements?status=expiring&university=${brescia.id}`);
    const rows = page.locator("tbody tr");
    await expect(rows.first()).toContainText("In scadenza");
    const count = await rows.count();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Esporta CSV" }).click();
    const csv = await readFile(await (await download).path(), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("Università;");
    expect(lines).toHaveLength(count + 1);
    for (const line of lines.slice(1)) expect(line).toContain("In scadenza");
  });

  test("the second of two concurrent edits is refused", async ({ page, context, loginAs }) => {
    await loginAs(["admin"]);
    const university = await universityWithProgrammes();
    const agreement = await prisma.agreement.create({
      data: {
        universityId: university.id,
        facilityRole: "collegata",
        startDate: addDays(hospitalToday(), 10),
        endDate: addDays(hospitalToday(), 400),
        programmes: { create: { programmeId: university.programmes[0]!.id, posts: 3 } },
      },
    });
    const other = await context.newPage();
    await page.goto(`/admin/agreements/${agreement.id}`);
    await other.goto(`/admin/agreements/${agreement.id}`);
    await other.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await page.getByLabel("Notes").fill("Prima modifica");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText("Agreement saved.");
    await other.getByLabel("Notes").fill("Seconda modifica");
    await other.getByRole("button", { name: "Save" }).click();
    await expect(other.getByRole("alert")).toContainText("Someone else changed this record");
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id: agreement.id } })).notes).toBe("Prima modifica");
  });
});
