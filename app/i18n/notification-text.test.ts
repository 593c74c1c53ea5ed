import { describe, expect, it } from "vitest";
import { translator } from "./i18n";
import { notificationText } from "./notification-text";

describe("a notification's text", () => {
  it("is written in the reader's language, with days and plurals as that language writes them", () => {
    const returned = { activity: { it: "Prima visita", en: "First visit" }, date: "2026-12-01" };
    expect(notificationText(translator("en"), "en", "logbook-returned", returned)).toBe(
      "Your tutor returned an entry of your logbook: First visit, 1 Dec 2026",
    );
    expect(notificationText(translator("it"), "it", "logbook-returned", returned)).toBe(
      "Il tutor ti ha restituito un'attività del libretto: Prima visita, 1 dic 2026",
    );
    expect(notificationText(translator("en"), "en", "logbook-waiting", { count: 1 })).toMatch(/^1 logbook entry has/);
    expect(notificationText(translator("it"), "it", "logbook-waiting", { count: 4 })).toMatch(/^4 attività del libretto attendono/);
  });
});
