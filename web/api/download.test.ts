import { describe, expect, it } from "vitest";
import { fileNameFrom } from "./download.ts";

describe("the saved file's name", () => {
  it("decodes the server's UTF-8 file name", () => {
    expect(
      fileNameFrom(
        `attachment; filename*=UTF-8''${encodeURIComponent("419001-2026-0000001-信访事项处理意见书.pdf")}`,
        "x.pdf",
      ),
    ).toBe("419001-2026-0000001-信访事项处理意见书.pdf");
  });
  it("takes a plain file name, and falls back when there is none or it is broken", () => {
    expect(fileNameFrom('attachment; filename="a.docx"', "x.docx")).toBe("a.docx");
    expect(fileNameFrom(null, "x.docx")).toBe("x.docx");
    expect(fileNameFrom("attachment; filename*=UTF-8''%E5%91", "x.docx")).toBe("x.docx");
  });
});
