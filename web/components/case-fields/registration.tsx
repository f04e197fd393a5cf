import { Card, Typography } from "antd";
import type { Role } from "../../../domain/auth/roles.ts";
import { canEditField, type TFieldDefinition, type TFieldSet } from "../../../domain/fields/definitions.ts";
import { useApi } from "../../hooks/use-api.ts";
import { useLocale } from "../../i18n/locale.tsx";
import { FieldInputs } from "./FieldInputs.tsx";
import { toFieldValues } from "./field-rules.ts";

/** Every category's current field set, by category id (what the user's roles may see). */
export function useFieldSets(): Map<string, TFieldSet> {
  const sets = useApi<{ items: TFieldSet[] }>("/api/fields/sets");
  return new Map((sets.data?.items ?? []).map((s) => [s.categoryId, s]));
}

/** The fields of a category the user may fill in at registration. */
export function registrationDefs(
  sets: Map<string, TFieldSet>,
  categoryId: string | undefined,
  roles: readonly Role[] | undefined,
): TFieldDefinition[] {
  const set = categoryId ? sets.get(categoryId) : undefined;
  return set ? set.fields.filter((d) => canEditField(d, roles ?? [])) : [];
}

/** The registration request's `fields` for the chosen category, or nothing when it has none. */
export function registrationFields(
  defs: readonly TFieldDefinition[],
  values: Record<string, unknown> | undefined,
): { fields?: Record<string, string | boolean | null> } {
  return defs.length > 0 ? { fields: toFieldValues(defs, values, false) } : {};
}

/** The registration form's section for the chosen category's fields (in the form as `fields.<key>`). */
export function RegistrationFieldsCard({ defs }: { defs: readonly TFieldDefinition[] }) {
  const { t } = useLocale();
  if (defs.length === 0) return null;
  return (
    <Card size="small" title={t("categoryFields")} style={{ marginBottom: 16 }} data-testid="category-fields">
      <Typography.Paragraph type="secondary">{t("categoryFieldsHelp")}</Typography.Paragraph>
      <FieldInputs defs={defs} prefix="fields" />
    </Card>
  );
}
