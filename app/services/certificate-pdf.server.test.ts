import { describe, expect, it } from "vitest";
import { parseIsoDate } from "~/domain/dates";
import type { CertificateDocument } from "~/models/certificate.server";
import { pdfText } from "../../test/pdf-text";
import { certificateFileName, renderCertificatePdf } from "./certificate-pdf.server";
import { env } from "~/utils/env.server";

const d = (iso: string) => parseIsoDate(iso)!;

function certificate(overrides: Partial<CertificateDocument> = {}): CertificateDocument {
  return {
    code: "7K3M-QX9T-2HCW",
    kind: "resident-teaching",
    locale: "it",
    issuedAt: new Date("2026-11-03T10:00:00Z"),
    periodStart: d("2025-11-01"),
    periodEnd: d("2026-10-31"),
    holder: {
      name: "Niccolò Bellù",
      resident: { specialtyCode: "oncologia-medica", university: "Università degli Studi di Milano", studentNumber: "M-1234" },
    },
    sessions: [
      { date: d("2026-01-15"), startTime: "14:00", title: "Immunoterapia: effetti collaterali", type: "lecture", durationMinutes: 90 },
      { date: d("2026-10-31"), startTime: "09:00", title: "Discussione di casi difficili", type: "case-discussion", durationMinutes: 60 },
    ],
    minutes: 150,
    byYear: [{ label: "2025/26", minutes: 150 }],
    ...overrides,
  };
}

const origin = "https://portal.example.org";

describe("certificate PDF", () => {
  it("states the hospital, holder, figures, sessions and code in Italian", async () => {
    const bytes = await renderCertificatePdf(certificate(), { origin });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBe(1);
    for (const expected of [
      env.HOSPITAL_NAME,
      "Attestato di frequenza alle attività didattiche",
      "Niccolò Bellù",
      "Oncologia medica",
      "Università degli Studi di Milano",
      "M-1234",
      "2,5 ore",
      "Anno accademico 2025/26",
      "Immunoterapia: effetti collaterali",
      "Discussione di casi clinici",
      "1,5 ore",
      "Rilasciato il 3 nov 2026",
      "7K3M-QX9T-2HCW",
      `${origin}/verify/7K3M-QX9T-2HCW`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("states a tutor's teaching in English, with the hospital name given", async () => {
    const bytes = await renderCertificatePdf(
      certificate({ kind: "tutor-teaching", locale: "en", holder: { name: "Laura Bianchi", resident: null }, byYear: [] }),
      {
        origin,
        hospitalName: "Ospedale di Prova",
      },
    );
    const { text } = await pdfText(bytes);
    for (const expected of [
      "Ospedale di Prova",
      "Certificate of teaching delivered",
      "Laura Bianchi",
      "2.5 h",
      "Immunoterapia: effetti collaterali",
      "Case discussion",
      "Issued on 3 Nov 2026",
      "7K3M-QX9T-2HCW",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain("Student number");
  });

  it("continues a long list of sessions on further pages, numbering them", async () => {
    const sessions = Array.from({ length: 120 }, (_, i) => ({
      date: d("2026-01-15"),
      startTime: "14:00",
      title: `Session number ${i + 1} with a rather long title that may wrap onto a second line of its cell`,
      type: "seminar",
      durationMinutes: 60,
    }));
    const bytes = await renderCertificatePdf(certificate({ locale: "en", sessions, minutes: 7200 }), { origin });
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain("Session number 120");
    expect(text).toContain("Sessions (continued)");
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain("120 h");
  });

  it("is named after the holder's surname and the period, in plain ASCII", () => {
    expect(certificateFileName(certificate())).toBe("attestato-didattica-bellu-2025-11-01-2026-10-31.pdf");
    expect(certificateFileName(certificate({ locale: "en" }))).toBe("teaching-certificate-bellu-2025-11-01-2026-10-31.pdf");
  });
});
