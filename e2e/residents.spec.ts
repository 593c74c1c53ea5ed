import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { expect, expectAccessible, ORIGIN, test } from "./fixtures";

test("an administrator records a resident, hands over the sign-in link, and corrects the stay", async ({ page, loginAs }) => {
  await loginAs(["admin"]);
  const programme = await prisma.programme.findFirstOrThrow({
    where: { specialtyCode: "oncologia-medica" },
    include: { university: true },
  });
  const tag = randomUUID().slice(0, 6);

  await page.goto("/admin/residents/new");
  await page.getByLabel("Full name").fill(`Giorgia Neri ${tag}`);
  await page.getByLabel("E-mail address").fill(`giorgia.neri.${tag}@example.test`);
  await page.getByLabel("Programme").selectOption({ label: `Medical oncology · ${programme.university.name}` });
  await page.getByLabel("Year of training").fill("7");
  await page.getByLabel("Student number").fill(`N${tag}`);
  await page.getByLabel("Stay from").fill("2026-12-01");
  await page.getByLabel("Stay until").fill("2026-11-01");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a year from 1 to 6.")).toBeVisible();
  await expect(page.getByText("The stay cannot end before it starts.")).toBeVisible();

  await page.getByLabel("Year of training").fill("2");
  await page.getByLabel("Stay until").fill("2027-05-31");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `Resident Giorgia Neri ${tag} created; the set-password link was sent to them by e-mail.`,
  );
  await expect(page.getByLabel("Set-password link")).toHaveValue(new RegExp(`^${ORIGIN}/set-password/`));
  await expectAccessible(page);

  const user = await prisma.user.findUniqueOrThrow({
    where: { email: `giorgia.neri.${tag}@example.test` },
    include: { roles: true, resident: true },
  });
  expect(user.roles.map((r) => r.role)).toEqual(["resident"]);
  expect(user.resident).toMatchObject({ yearOfTraining: 2, studentNumber: `N${tag}` });

  await page.getByLabel("Stay until").fill("2027-03-31");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`Record of Giorgia Neri ${tag} saved.`);
  await expect(page.getByRole("region", { name: "History" }).getByRole("insertion").first()).toContainText("2027");

  // Once the contract start is known, the training calendar keeps the year: correcting it needs a reason.
  await page.getByLabel("Training contract start").fill("2025-11-01");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`Record of Giorgia Neri ${tag} saved.`);
  await expect(page.getByRole("region", { name: "Training calendar" })).toContainText("Contract started on");
  await page.getByLabel("Year of training").fill("3");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Say why the year of training is corrected by hand: the contract start is known.")).toBeVisible();
  expect((await prisma.resident.findUniqueOrThrow({ where: { userId: user.id } })).yearOfTraining).toBe(2);
  await page.getByLabel("Reason for changing the year").fill("Convalida del primo anno svolto all'estero");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`Record of Giorgia Neri ${tag} saved.`);
  await expect(page.getByRole("region", { name: "History" })).toContainText("Convalida del primo anno svolto all'estero");
  expect((await prisma.resident.findUniqueOrThrow({ where: { userId: user.id } })).yearOfTraining).toBe(3);

  await page.goto(`/admin/residents?q=N${tag}`);
  await expect(page.getByRole("link", { name: `Giorgia Neri ${tag}` })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv.trim().split("\r\n")).toHaveLength(2);
  expect(csv).toContain(`N${tag}`);
  expect(csv).toContain("2027-03-31");
});
