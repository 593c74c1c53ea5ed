import { describe, expect, it } from "vitest";
import { looksLikePdf, MAX_DOCUMENT_BYTES, safeFileName } from "./pdf";

const ascii = (text: string) => new TextEncoder().encode(text);

function withHeaderAt(offset: number): Uint8Array {
  const bytes = new Uint8Array(offset + 100).fill(0x20);
  bytes.set(ascii("%PDF-1.7"), offset);
  return bytes;
}

describe("looksLikePdf", () => {
  it("recognises a PDF by its header", () => {
    expect(looksLikePdf(ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))).toBe(true);
    expect(looksLikePdf(ascii("%PDF-1.4\n%%EOF"))).toBe(true);
  });

  it("accepts the header anywhere within the first 1024 bytes", () => {
    expect(looksLikePdf(withHeaderAt(1))).toBe(true);
    expect(looksLikePdf(withHeaderAt(500))).toBe(true);
    expect(looksLikePdf(withHeaderAt(1019))).toBe(true);
  });

  it("refuses a header found only well past the first 1024 bytes", () => {
    expect(looksLikePdf(withHeaderAt(1100))).toBe(false);
    expect(looksLikePdf(withHeaderAt(4096))).toBe(false);
  });

  it("refuses a PNG", () => {
    expect(looksLikePdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(false);
  });

  it("refuses text, even text that mentions PDF", () => {
    expect(looksLikePdf(ascii("Hello, this is not a PDF"))).toBe(false);
    expect(looksLikePdf(ascii("%PDF"))).toBe(false);
    expect(looksLikePdf(ascii("%pdf-1.7"))).toBe(false);
  });

  it("refuses an empty file and one shorter than the header", () => {
    expect(looksLikePdf(new Uint8Array())).toBe(false);
    expect(looksLikePdf(ascii("%PD"))).toBe(false);
  });

  it("allows documents up to 10 MB", () => {
    expect(MAX_DOCUMENT_BYTES).toBe(10 * 1024 * 1024);
  });
});

describe("safeFileName", () => {
  it("strips directories so no path reaches the header", () => {
    const name = safeFileName("../../etc/passwd");
    expect(name).not.toMatch(/[\\/]/);
    expect(name).toBe("passwd.pdf");
    expect(safeFileName("C:\\Users\\rossi\\Convenzione.pdf")).toBe("Convenzione.pdf");
  });

  it("keeps accented letters readable", () => {
    expect(safeFileName("Convenzione Università – Niccolò.pdf")).toBe("Convenzione Università _ Niccolò.pdf");
    expect(safeFileName("Accordo Müller (firmato).pdf")).toBe("Accordo Müller (firmato).pdf");
  });

  it("replaces characters that could break a Content-Disposition header", () => {
    const name = safeFileName('a"b;c\r\nd.pdf');
    expect(name).not.toMatch(/[";\r\n]/);
    expect(name).toBe("a_b_c__d.pdf");
  });

  it("forces the .pdf extension", () => {
    expect(safeFileName("convenzione.exe")).toBe("convenzione.exe.pdf");
    expect(safeFileName("convenzione")).toBe("convenzione.pdf");
    expect(safeFileName("CONVENZIONE.PDF")).toBe("CONVENZIONE.PDF");
  });

  it("falls back to a default name when nothing usable is left", () => {
    expect(safeFileName("")).toBe("document.pdf");
    expect(safeFileName("dir/")).toBe("document.pdf");
    expect(safeFileName("   ")).toBe("document.pdf");
    expect(safeFileName("", "convenzione.pdf")).toBe("convenzione.pdf");
  });

  it("keeps long names within 150 characters, extension included", () => {
    const name = safeFileName(`${"a".repeat(300)}.docx`);
    expect(name.length).toBeLessThanOrEqual(150);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(safeFileName(`${"b".repeat(300)}.pdf`).length).toBeLessThanOrEqual(150);
  });
});
