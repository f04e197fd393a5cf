import { describe, expect, it } from "vitest";
import {
  CASE_COLUMN_KEYS,
  defaultColumns,
  moveColumn,
  parseColumns,
  toggleColumn,
  visibleColumns,
} from "./column-settings.ts";

describe("case list column settings", () => {
  it("start with every column visible in the default order, and after broken storage too", () => {
    expect(parseColumns(null)).toEqual(defaultColumns());
    expect(parseColumns("{not json")).toEqual(defaultColumns());
    expect(parseColumns('{"a":1}')).toEqual(defaultColumns());
  });

  it("keep a stored order and hidden columns, drop unknown and repeated keys, append new columns", () => {
    const cols = parseColumns(
      JSON.stringify([
        { key: "status", visible: true },
        { key: "title", visible: false },
        { key: "nonsense", visible: true },
        { key: "status", visible: false },
      ]),
    );
    expect(cols.slice(0, 2)).toEqual([
      { key: "status", visible: true },
      { key: "title", visible: false },
    ]);
    expect(cols.map((c) => c.key).sort()).toEqual([...CASE_COLUMN_KEYS].sort());
  });

  it("never hide the case number, the link to the case", () => {
    expect(parseColumns(JSON.stringify([{ key: "caseNumber", visible: false }]))[0]).toEqual({
      key: "caseNumber",
      visible: true,
    });
    expect(toggleColumn(defaultColumns(), "caseNumber")[0]!.visible).toBe(true);
    expect(toggleColumn(defaultColumns(), "title")[1]!.visible).toBe(false);
  });

  it("move a column up or down, staying put at either end", () => {
    const moved = moveColumn(defaultColumns(), "title", -1);
    expect(moved.slice(0, 2).map((c) => c.key)).toEqual(["title", "caseNumber"]);
    expect(moveColumn(moved, "title", -1)).toEqual(moved);
    const last = CASE_COLUMN_KEYS[CASE_COLUMN_KEYS.length - 1]!;
    expect(moveColumn(defaultColumns(), last, 1)).toEqual(defaultColumns());
  });

  it("render only the visible columns in the chosen order", () => {
    const all = CASE_COLUMN_KEYS.map((key) => ({ key }));
    const cols = toggleColumn(moveColumn(defaultColumns(), "status", -1), "channel");
    expect(visibleColumns(all, cols).map((c) => c.key)).toEqual([
      "caseNumber",
      "title",
      "firstPetitionerName",
      "status",
      "regionName",
      "headcount",
      "receivedAt",
    ]);
  });
});
