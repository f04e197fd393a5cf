import { validateIdNumber, validatePhone } from "../../../../domain/identity/id-card.ts";
import type { TRepeatCheckRequest } from "../../../../domain/schemas/repeats.ts";

export interface DraftValues {
  petitioners?: ({ name?: string; idNumber?: string; phone?: string; address?: string } | undefined)[];
  problemRegionCode?: string;
  categoryId?: string;
  title?: string;
  content?: string;
  /** A letter's date of receipt (the registration sends it as the case's receivedAt). */
  channel?: string;
  receivedOn?: { format: (template: string) => string } | null;
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * The registration form as typed → the repeat check's request, or null while there is not
 * enough to check (the place and some content, or a petitioner's name). Petitioners without a
 * name are left out; empty fields and ID / phone numbers still being typed (not yet valid) are
 * not sent, so a half-typed number never turns the check into an error.
 */
export function toRepeatCheck(v: DraftValues): TRepeatCheckRequest | null {
  const petitioners = (v.petitioners ?? []).flatMap((p) => {
    const name = text(p?.name);
    if (!name) return [];
    const rawId = text(p?.idNumber);
    const idNumber = rawId && validateIdNumber(rawId).ok ? rawId : undefined;
    const rawPhone = text(p?.phone);
    const phone = rawPhone && validatePhone(rawPhone).ok ? rawPhone : undefined;
    const address = text(p?.address);
    return [
      {
        name,
        ...(idNumber ? { idNumber } : {}),
        ...(phone ? { phone } : {}),
        ...(address ? { address } : {}),
      },
    ];
  });
  const title = text(v.title);
  // The server needs some content; the title stands in while the content is still empty.
  const content = text(v.content) ?? title;
  if (!v.problemRegionCode || !content) return null;
  return {
    petitioners,
    problemRegionCode: v.problemRegionCode,
    ...(v.categoryId ? { categoryId: v.categoryId } : {}),
    ...(title ? { title } : {}),
    content: content.slice(0, 20000),
    // As the registration dates it, so the check and the first-petition flag agree on the date.
    ...(v.channel === "letter" && v.receivedOn
      ? { receivedAt: `${v.receivedOn.format("YYYY-MM-DD")}T09:00:00+08:00` }
      : {}),
  };
}
