import { PDFParse } from "pdf-parse";

/**
 * The text of a PDF, page after page, for tests that check what a generated document says rather
 * than only that it exists. Runs pdf.js (through pdf-parse) in Node; nothing is rendered.
 */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
}
