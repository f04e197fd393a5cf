import { Alert, Form, Select } from "antd";
import { useMemo } from "react";
import { COUNTY_WIDE_ROLES } from "../../domain/auth/roles.ts";
import type { OrgUnit } from "../api/types.ts";
import { useOptionalMe } from "../hooks/session.tsx";
import { useLocale } from "../i18n/locale.tsx";
import type { MessageKey } from "../i18n/messages.ts";
import { accusedUnitOptions, accusesOwnUnit } from "./accusation.ts";

/**
 * The accused unit picked from the org network (optional, clearable), inside a Form. When the
 * choice is the user's own unit or one above it, a warning says what saving will do: the bureau
 * forwards the case under the rules, any other unit just loses sight of it.
 */
export function AccusedUnitField({
  name,
  label,
  help,
  units,
  loading,
}: {
  name: string;
  label: MessageKey;
  help: MessageKey;
  units: readonly OrgUnit[] | undefined;
  loading: boolean;
}) {
  const { t } = useLocale();
  const form = Form.useFormInstance();
  const chosen = Form.useWatch<string | undefined>(name, form);
  const me = useOptionalMe();
  const options = useMemo(() => accusedUnitOptions(units ?? []), [units]);
  const own = me && units ? accusesOwnUnit(units, me.unit, chosen) : false;
  const forwards = own && (me?.roles.some((r) => COUNTY_WIDE_ROLES.includes(r)) ?? false);
  return (
    <>
      <Form.Item name={name} label={t(label)} extra={t(help)}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          loading={loading}
          options={options}
          data-testid="accused-unit-select"
        />
      </Form.Item>
      {own && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t(forwards ? "accusedOwnChain" : "accusedOwnUnitHidden")}
          data-testid="accused-own-unit"
        />
      )}
    </>
  );
}
