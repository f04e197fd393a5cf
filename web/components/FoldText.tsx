import { Button, Typography } from "antd";
import { useState } from "react";
import { useLocale } from "../i18n/locale.tsx";

/** Longer than this many characters or lines, a text shows its beginning and 展开. */
export const FOLD_CHARS = 600;
export const FOLD_LINES = 10;

/** The part of `text` shown while folded, or null when it is short enough to show whole. */
export function foldedPart(text: string, chars = FOLD_CHARS, lines = FOLD_LINES): string | null {
  const byLines = text.split("\n").slice(0, lines).join("\n");
  const head = byLines.length < text.length ? byLines : text;
  if (head.length <= chars && head.length === text.length) return null;
  return `${head.slice(0, chars).trimEnd()}…`;
}

/**
 * A long text (a petition of 20,000 characters) folded to its beginning with 展开/收起, kept in
 * its own lines and broken anywhere, so it neither floods the page nor squeezes what is beside it.
 */
export function FoldText({ text, testId }: { text: string; testId?: string }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const head = foldedPart(text);
  return (
    <div data-testid={testId}>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 }}>
        {head === null || open ? text : head}
      </Typography.Paragraph>
      {head !== null && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => setOpen((o) => !o)}
          data-testid="fold-toggle"
        >
          {open ? t("foldCollapse") : t("foldExpand", { n: text.length })}
        </Button>
      )}
    </div>
  );
}
