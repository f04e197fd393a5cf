import { useState } from "react";

/**
 * A tree table's `expandable` props: every branch open unless the user closed it, also for rows
 * that arrive after a reload. `items` are the flat rows with their parent.
 */
export function useOpenBranches(items: readonly { parentId: string | null }[]) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const parentIds = items.flatMap((r) => (r.parentId ? [r.parentId] : []));
  return {
    expandedRowKeys: parentIds.filter((id) => !collapsed.has(id)),
    onExpand: (open: boolean, row: { id: string }) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (open) next.delete(row.id);
        else next.add(row.id);
        return next;
      }),
  };
}
