import { describe, expect, it } from "vitest";
import { readUnsubscribeToken } from "~/domain/notifications";
import { renderMail, type MailSettings } from "./mail.server";

const settings: MailSettings = {
  origin: "https://portal.hospital.example",
  from: "Residency Portal <portal@hospital.example>",
  secret: "a-test-secret-of-at-least-thirty-two-chars",
  hospital: "Istituto Oncologico di Ricerca",
};
const message = (locale: string, category: string, userId: string | null = "user-1") => ({
  messageId: "0b7c-4f1e@hospital.example",
  userId,
  to: "giulia@hospital.example",
  locale,
  category,
});
const returned = { kind: "logbook-returned", params: { activity: "Prima visita <b>", date: "2026-12-01" }, link: "/me/logbook" } as const;

describe("an e-mail of one notification", () => {
  it("has the notification's text as subject, in the reader's language, with an absolute link in both bodies", () => {
    const en = renderMail(message("en", "logbook"), returned, [], settings);
    expect(en.subject).toBe("Your tutor returned an entry of your logbook: Prima visita <b>, 1 Dec 2026");
    expect(en.text).toContain("Open it in the portal: https://portal.hospital.example/me/logbook");
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<a href="https://portal.hospital.example/me/logbook"');
    // what a notification carries is text in the HTML, never markup
    expect(en.html).toContain("Prima visita &lt;b&gt;");
    expect(en.html).not.toContain("<b>");

    const it = renderMail(message("it", "logbook"), returned, [], settings);
    expect(it.subject).toBe("Il tutor ti ha restituito un'attività del libretto: Prima visita <b>, 1 dic 2026");
    expect(it.text).toContain("Aprila nel portale: https://portal.hospital.example/me/logbook");
    expect(it.html).toContain('<html lang="it">');
  });

  it("names a bilingual value (a logbook activity) in the reader's language", () => {
    const bilingual = { ...returned, params: { activity: { it: "Prima visita", en: "First visit" }, date: "2026-12-01" } };
    expect(renderMail(message("en", "logbook"), bilingual, [], settings).subject).toBe(
      "Your tutor returned an entry of your logbook: First visit, 1 Dec 2026",
    );
    expect(renderMail(message("it", "logbook"), bilingual, [], settings).subject).toContain(": Prima visita, 1 dic 2026");
  });

  it("keeps the outbox's Message-ID and carries a one-click unsubscribe for its category, signed for its reader", () => {
    const mail = renderMail(message("en", "logbook"), returned, [], settings);
    expect(mail.messageId).toBe("<0b7c-4f1e@hospital.example>");
    expect(mail).toMatchObject({ from: settings.from, to: "giulia@hospital.example" });
    const header = mail.headers["List-Unsubscribe"]!;
    expect(header).toMatch(/^<https:\/\/portal\.hospital\.example\/unsubscribe\/[\w.-]+>$/);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = header.slice(1, -1);
    const token = url.split("/").pop()!;
    expect(readUnsubscribeToken(settings.secret, token)).toEqual({ userId: "user-1", category: "logbook" });
    // the body carries the same link, and the preferences page
    expect(mail.text).toContain(`Stop e-mails about “Logbook”: ${url}`);
    expect(mail.text).toContain("Choose how you receive notifications: https://portal.hospital.example/notifications/preferences");
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('href="https://portal.hospital.example/notifications/preferences"');
  });

  it("sends a set-password link with its validity, and no unsubscribe: security messages cannot be turned off", () => {
    const path = "/set-password/abcDEF123";
    const mail = renderMail(message("it", "security"), { kind: "password-link", params: { path }, link: path }, [], settings);
    expect(mail.subject).toBe("Scegli la tua password per il Portale degli specializzandi");
    expect(mail.text).toContain(`Scegli la password: https://portal.hospital.example${path}`);
    expect(mail.text).toContain("Il link vale 72 ore");
    expect(mail.html).toContain(`href="https://portal.hospital.example${path}"`);
    expect(mail.headers["List-Unsubscribe"]).toBeUndefined();
    expect(mail.text).not.toContain("/unsubscribe/");
    expect(mail.text).not.toContain("/notifications/preferences");
    expect(mail.text).toContain("messaggio di sicurezza");

    const en = renderMail(message("en", "security"), { kind: "password-link", params: { path }, link: path }, [], settings);
    expect(en.text).toContain("The link is valid for 72 hours and works once.");
  });

  it("lists a digest's notifications, each with its link and time", () => {
    const items = [
      { ...returned, createdAt: new Date("2026-12-03T08:00:00Z") },
      { kind: "logbook-waiting" as const, params: { count: 3 }, link: "/tutor/logbook", createdAt: new Date("2026-12-04T15:30:00Z") },
    ];
    const mail = renderMail(message("en", "logbook"), { digest: "daily", notificationIds: ["a", "b"] }, items, settings);
    expect(mail.subject).toBe("Your daily summary: 2 notifications");
    expect(mail.text).toContain("- 3 logbook entries have waited for your certification for over a week (4 Dec 2026, 16:30)");
    expect(mail.text).toContain("  https://portal.hospital.example/tutor/logbook");
    expect(mail.html).toContain('<li><a href="https://portal.hospital.example/me/logbook"');
    expect(mail.headers["List-Unsubscribe"]).toBeDefined();

    const weekly = renderMail(message("it", "logbook"), { digest: "weekly", notificationIds: ["b"] }, items.slice(1), settings);
    expect(weekly.subject).toBe("Il tuo riepilogo settimanale: 1 notifica");
  });

  it("has no unsubscribe link when the person is gone (nothing to sign for)", () => {
    const mail = renderMail(message("en", "logbook", null), returned, [], settings);
    expect(mail.headers["List-Unsubscribe"]).toBeUndefined();
  });
});
