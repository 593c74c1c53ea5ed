import ICAL from "ical.js";
import { prisma } from "~/utils/db.server";
import { expect, ORIGIN, signInAs, test } from "./fixtures";

test("the resident subscribes to a private calendar of their rotations, and can kill the address", async ({ page, request }) => {
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "resident@example.org" } });
  await signInAs(page, { id: user.id, email: user.email, name: user.name, password: "", roles: ["resident"] });
  await page.goto("/profile");
  await page.getByRole("button", { name: /calendar address/ }).first().click();
  const url = await page.getByLabel(/private calendar address/).inputValue();
  expect(url).toMatch(new RegExp(`^${ORIGIN}/calendar/[a-z2-7]{32}\\.ics$`));

  // No sign-in needed: calendar apps fetch it as they are.
  const response = await request.get(url);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const component = new ICAL.Component(ICAL.parse(await response.text()));
  const events = component.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  const rotations = await prisma.rotation.findMany({ where: { resident: { userId: user.id }, state: { not: "cancelled" } }, include: { department: true } });
  expect(events).toHaveLength(rotations.length);
  const first = rotations.sort((a, b) => a.startDate.getTime() - b.startDate.getTime())[0]!;
  const event = events.find((e) => e.summary.includes(first.department.name))!;
  expect(event.startDate.toString()).toBe(first.startDate.toISOString().slice(0, 10));
  // Nothing of anyone else: every event is one of this resident's rotations.
  expect(events.every((e) => rotations.some((r) => e.uid === `rotation-${r.id}@residency-portal`))).toBe(true);

  // A new address kills the old one.
  await page.getByRole("button", { name: /Create a new address/ }).click();
  await expect(page.getByLabel(/private calendar address/)).not.toHaveValue(url);
  const fresh = await page.getByLabel(/private calendar address/).inputValue();
  expect(fresh).not.toBe(url);
  expect((await request.get(url)).status()).toBe(404);
  expect((await request.get(fresh)).status()).toBe(200);
  expect((await request.get(`${ORIGIN}/calendar/${"a".repeat(32)}.ics`)).status()).toBe(404);
});
