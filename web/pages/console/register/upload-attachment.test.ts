import { describe, expect, it } from "vitest";
import { formatBytes, precheckFile } from "./upload-attachment.ts";

const limits = { maxBytes: 10 * 1024 * 1024, types: ["image/jpeg", "application/pdf"] };

describe("attachments before upload", () => {
  it("states the limit in readable units", () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1536)).toBe("2 KB");
    expect(formatBytes(12)).toBe("12 B");
  });

  it("stops a file over the server's limit or of a type it refuses, and lets the rest through", () => {
    expect(precheckFile({ size: limits.maxBytes + 1, type: "image/jpeg" }, limits)).toBe(
      "ATTACHMENT_TOO_LARGE",
    );
    expect(precheckFile({ size: 100, type: "application/x-msdownload" }, limits)).toBe(
      "ATTACHMENT_TYPE_REFUSED",
    );
    expect(precheckFile({ size: limits.maxBytes, type: "application/pdf" }, limits)).toBeNull();
    // Without the limits (not loaded yet) the server alone decides.
    expect(precheckFile({ size: 1e12, type: "x/y" }, undefined)).toBeNull();
  });
});
