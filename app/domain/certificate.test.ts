import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, generateCertificateCode, normaliseCertificateCode, periodProblem } from "./certificate";
import { parseIsoDate } from "./dates";

const d = (iso: string) => parseIsoDate(iso)!;

describe("certificate codes", () => {
  it("are 12 symbols of the unambiguous alphabet, in three groups of four", () => {
    for (let i = 0; i < 200; i++) {
      const code = generateCertificateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it("use every symbol of the alphabet, and no other, from the random bytes", () => {
    const bytes = Array.from({ length: 12 }, (_, i) => i * 21 + 3);
    const code = generateCertificateCode((buffer) => {
      buffer.set(bytes);
      return buffer;
    });
    expect(code.replace(/-/g, "")).toBe(bytes.map((b) => CODE_ALPHABET[b & 31]).join(""));
    expect(new Set(CODE_ALPHABET).size).toBe(32);
  });

  it("do not repeat", () => {
    const codes = new Set(Array.from({ length: 2000 }, () => generateCertificateCode()));
    expect(codes.size).toBe(2000);
  });

  it("are understood however they are typed", () => {
    expect(normaliseCertificateCode("7k3m-qx9t-2hcw")).toBe("7K3M-QX9T-2HCW");
    expect(normaliseCertificateCode(" 7K3M QX9T 2HCW ")).toBe("7K3M-QX9T-2HCW");
    expect(normaliseCertificateCode("7K3MQX9T2HCW")).toBe("7K3M-QX9T-2HCW");
    expect(normaliseCertificateCode("7K3M–QX9T–2HCW")).toBe("7K3M-QX9T-2HCW");
    // Look-alikes read as the digits they resemble.
    expect(normaliseCertificateCode("oO1i-lLAB-CDEF")).toBe("0011-11AB-CDEF");
  });

  it("refuse what cannot be a code", () => {
    expect(normaliseCertificateCode("")).toBeNull();
    expect(normaliseCertificateCode("7K3M-QX9T-2HC")).toBeNull();
    expect(normaliseCertificateCode("7K3M-QX9T-2HCWX")).toBeNull();
    expect(normaliseCertificateCode("7K3M-QX9T-2HCU")).toBeNull();
    expect(normaliseCertificateCode("7K3M/QX9T/2HCW")).toBeNull();
    expect(normaliseCertificateCode("'; drop table--")).toBeNull();
  });
});

describe("certificate periods", () => {
  it("may be a single day or up to ten years", () => {
    expect(periodProblem(d("2025-11-01"), d("2025-11-01"))).toBeNull();
    expect(periodProblem(d("2020-01-01"), d("2029-12-31"))).toBeNull();
  });

  it("may not end before they start or last more than ten years", () => {
    expect(periodProblem(d("2025-11-02"), d("2025-11-01"))).toBe("endBeforeStart");
    expect(periodProblem(d("2020-01-01"), d("2030-01-01"))).toBe("tooLong");
  });
});
