import { validateIdNumber, validatePhone } from "../../domain/identity/id-card.ts";
import { maskIdNumber, maskPhone } from "../../domain/identity/mask.ts";
import { blindIndex, encryptField, type KeyRing } from "../crypto/field-crypto.ts";
import { AppError } from "../plugins/errors.ts";

/** An ID number and phone as stored: AES-GCM token, keyed blind index, masked copy. */
export interface SealedIdentity {
  id_number_enc: string | null;
  id_number_bidx: string | null;
  id_number_masked: string | null;
  phone_enc: string | null;
  phone_bidx: string | null;
  phone_masked: string | null;
}

/**
 * Validates and seals a person's ID number and phone for a bureau table, exactly as case
 * petitioners are stored (same blind-index kinds, so a person can be matched across tables; the
 * encryption context names the table, so a token cannot be moved to another column).
 */
export function sealIdentity(
  keyRing: KeyRing,
  table: string,
  input: { idNumber?: string | undefined; phone?: string | undefined },
  index = 0,
): SealedIdentity {
  const out: SealedIdentity = {
    id_number_enc: null,
    id_number_bidx: null,
    id_number_masked: null,
    phone_enc: null,
    phone_bidx: null,
    phone_masked: null,
  };
  if (input.idNumber) {
    const v = validateIdNumber(input.idNumber);
    if (!v.ok) throw new AppError("ID_NUMBER_INVALID", { petitioner: index, reason: v.reason });
    out.id_number_enc = encryptField(keyRing, v.value, `${table}.id_number`);
    out.id_number_bidx = blindIndex(keyRing, "id_number", v.value);
    out.id_number_masked = maskIdNumber(v.value);
  }
  if (input.phone) {
    const v = validatePhone(input.phone);
    if (!v.ok) throw new AppError("PHONE_INVALID", { petitioner: index, reason: v.reason });
    out.phone_enc = encryptField(keyRing, v.value, `${table}.phone`);
    out.phone_bidx = blindIndex(keyRing, "phone", v.value);
    out.phone_masked = maskPhone(v.value);
  }
  return out;
}
