import { inflateRawSync } from "node:zlib";

/**
 * The text of a .docx's main part (word/document.xml), read straight from the zip's local file
 * headers: enough for tests and checks to see what a generated document says.
 */
export function docxText(data: Buffer): string {
  let at = 0;
  while (at + 30 <= data.length && data.readUInt32LE(at) === 0x04034b50) {
    const method = data.readUInt16LE(at + 8);
    const compressed = data.readUInt32LE(at + 18);
    const nameLength = data.readUInt16LE(at + 26);
    const extraLength = data.readUInt16LE(at + 28);
    const name = data.subarray(at + 30, at + 30 + nameLength).toString("utf8");
    const start = at + 30 + nameLength + extraLength;
    const body = data.subarray(start, start + compressed);
    if (name === "word/document.xml") {
      const xml = (method === 8 ? inflateRawSync(body) : body).toString("utf8");
      return xml
        .replace(/<\/w:p>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">");
    }
    at = start + compressed;
  }
  throw new Error("no word/document.xml in the document");
}
