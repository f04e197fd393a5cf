import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Tabs,
  type UploadFile,
} from "antd";
import { useCallback, useRef, useState } from "react";
import { useNavigate } from "react-router";
import { NATURES } from "../../../../domain/workflow/statuses.ts";
import { ApiError, post } from "../../../api/client.ts";
import type { CaseDetail, Category, OrgUnit } from "../../../api/types.ts";
import { AccusedUnitField } from "../../../components/AccusedUnitField.tsx";
import { accusesOwnUnit } from "../../../components/accusation.ts";
import {
  RegistrationFieldsCard,
  registrationDefs,
  registrationFields,
  useFieldSets,
} from "../../../components/case-fields/registration.tsx";
import { idNumberRules, phoneRules, requiredTextRules } from "../../../components/id-rules.ts";
import { useSession } from "../../../hooks/session.tsx";
import { useApi } from "../../../hooks/use-api.ts";
import { useRegionOptions } from "../../../hooks/use-regions.ts";
import { DESTINATION_LABELS, NATURE_LABELS } from "../../../i18n/labels.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { AttachmentPicker } from "./AttachmentPicker.tsx";
import { RepeatsPreview } from "./RepeatsPreview.tsx";
import { type Channel, type RegisterValues, toRegisterRequest } from "./register-request.ts";
import { TriagePanel } from "./TriagePanel.tsx";
import { type TriageSuggestion, toTriageChoice } from "./triage-view.ts";
import { uploadAttachment } from "./upload-attachment.ts";

function RegisterForm({ channel }: { channel: Channel }) {
  const { t, l, locale } = useLocale();
  const [form] = Form.useForm<RegisterValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<(CaseDetail & { queryCode: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploadFailures, setUploadFailures] = useState<string[]>([]);
  const { me } = useSession();
  const { message } = App.useApp();
  // What the 智能分办 panel shows, sent back with the registrar's choice once the case is saved.
  const triageShown = useRef<TriageSuggestion | null>(null);
  const onTriageShown = useCallback((s: TriageSuggestion | null) => {
    triageShown.current = s;
  }, []);
  // Everything typed so far, for the repeat check before saving.
  const draft = Form.useWatch((values: RegisterValues) => values, form);
  const isAccusation = draft?.nature === "accusation";
  const units = useApi<{ items: OrgUnit[] }>(isAccusation ? "/api/org/units" : null);
  const regions = useRegionOptions();
  const categories = useApi<{ items: Category[] }>("/api/categories");
  const navigate = useNavigate();
  // The chosen category's fields (web/components/case-fields).
  const fieldSets = useFieldSets();
  const fieldDefs = registrationDefs(fieldSets, draft?.categoryId, me?.roles);
  const categoryOptions = (categories.data?.items ?? [])
    .filter((c) => c.isActive && c.parentId !== null)
    .map((c) => ({ value: c.id, label: locale === "en" ? c.nameEn : c.nameZh }));

  const onFinish = async (v: RegisterValues) => {
    setBusy(true);
    setError(null);
    try {
      const saved = await post<CaseDetail & { queryCode: string }>("/api/cases", {
        ...toRegisterRequest(channel, v),
        ...registrationFields(fieldDefs, v.fields),
      });
      // The registrar's choice against what was suggested (采用 / 改选 / 无建议): the next training
      // learns the bureau's own practice from it. Not recording it is not worth an error here
      // (an accusation of the clerk's own unit is out of sight once saved: 404).
      const choice = toTriageChoice(saved, triageShown.current);
      if (choice) await post(`/api/triage/cases/${saved.id}/choice`, choice).catch(() => undefined);
      // The case exists now: its attachments follow, each on its own; a refused one is reported, not fatal.
      const failures: string[] = [];
      for (const f of files) {
        if (f.status === "error" || !f.originFileObj) continue;
        try {
          await uploadAttachment(saved.id, f.originFileObj, me?.csrfToken ?? "");
        } catch (e) {
          failures.push(
            t("attachmentFailed", {
              name: f.name,
              reason: e instanceof ApiError ? e.text(locale) : String(e),
            }),
          );
        }
      }
      setUploadFailures(failures);
      message.success(t("caseSaved", { number: saved.caseNumber }));
      setDone(saved);
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    // An accusation of the clerk's own unit (or one above it) is out of the clerk's sight once
    // saved: the bureau's is forwarded under the rules, a township's simply hidden from it.
    const forwarded = done.status === "forwarded";
    const hidden =
      forwarded || (me && units.data ? accusesOwnUnit(units.data.items, me.unit, done.accusedUnitId) : false);
    const title = forwarded
      ? t("registeredForwarded", {
          number: done.caseNumber,
          to: done.forwardedTo ?? t("forwardBodyFallback"),
        })
      : hidden
        ? t("registeredHidden", { number: done.caseNumber, code: done.queryCode })
        : t("registered", { number: done.caseNumber, code: done.queryCode });
    return (
      <Result
        status={hidden ? "info" : "success"}
        title={<span data-testid="registered">{title}</span>}
        subTitle={
          uploadFailures.length > 0 ? (
            <Alert type="warning" data-testid="upload-failures" title={uploadFailures.join("；")} />
          ) : undefined
        }
        extra={[
          hidden ? null : (
            <Button type="primary" key="open" onClick={() => navigate(`/cases/${done.id}`)}>
              {t("openCase")}
            </Button>
          ),
          <Button
            key="again"
            onClick={() => {
              setDone(null);
              setFiles([]);
              setUploadFailures([]);
              form.resetFields();
            }}
          >
            {t("newCase")}
          </Button>,
        ]}
      />
    );
  }

  return (
    <Form<RegisterValues>
      form={form}
      layout="vertical"
      name={`register-${channel}`}
      onFinish={onFinish}
      initialValues={{ petitioners: [{ name: "" }], headcount: 1, batchCount: 1 }}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.text(locale)}
          style={{ marginBottom: 16 }}
          data-testid="register-error"
        />
      )}
      <Form.List name="petitioners">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={`${t("petitioner")} ${i + 1}`}
                data-testid={`petitioner-${i}`}
                extra={
                  fields.length > 1 ? (
                    <Button size="small" danger onClick={() => remove(field.name)}>
                      {t("remove")}
                    </Button>
                  ) : null
                }
              >
                <Row gutter={12}>
                  <Col xs={24} md={6}>
                    <Form.Item
                      name={[field.name, "name"]}
                      label={t("name")}
                      rules={[{ required: true, message: t("required") }]}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item
                      name={[field.name, "idNumber"]}
                      label={t("idNumber")}
                      validateTrigger={["onChange", "onBlur"]}
                      rules={idNumberRules(t, false)}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item
                      name={[field.name, "phone"]}
                      label={t("phone")}
                      validateTrigger={["onChange", "onBlur"]}
                      rules={phoneRules(t, false)}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={4}>
                    <Form.Item name={[field.name, "address"]} label={t("address")}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  {channel === "visit" && (
                    <Col xs={24} md={2}>
                      <Form.Item
                        name={[field.name, "isRepresentative"]}
                        label={t("representative")}
                        valuePropName="checked"
                      >
                        <Checkbox />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
              </Card>
            ))}
            {channel === "visit" && (
              <Button
                onClick={() => add({ name: "" })}
                style={{ marginBottom: 16 }}
                data-testid="add-petitioner"
              >
                + {t("addPetitioner")}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Row gutter={12}>
        {channel === "visit" && (
          <>
            <Col xs={12} md={4}>
              <Form.Item name="headcount" label={t("headcount")}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="batchCount" label={t("batchCount")}>
                <InputNumber min={1} max={10000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="destinationLevel" label={t("destinationLevel")}>
                <Select
                  allowClear
                  data-testid="destination-select"
                  options={Object.keys(DESTINATION_LABELS).map((k) => ({
                    value: k,
                    label: l(DESTINATION_LABELS, k),
                  }))}
                />
              </Form.Item>
            </Col>
            {draft?.destinationLevel && draft.destinationLevel !== "county" && (
              <Col xs={12} md={4}>
                <Form.Item
                  name="upperRegistered"
                  label={t("upperRegistered")}
                  extra={t("upperRegisteredHelp")}
                >
                  <Radio.Group
                    options={[
                      { value: true, label: t("yes") },
                      { value: false, label: t("no") },
                    ]}
                  />
                </Form.Item>
              </Col>
            )}
          </>
        )}
        {channel === "letter" && (
          <Col xs={24} md={6}>
            <Form.Item name="receivedOn" label={t("letterReceivedAt")}>
              <DatePicker style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item
            name="problemRegionCode"
            label={t("region")}
            rules={[{ required: true, message: t("required") }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={regions.loading}
              options={regions.options}
              data-testid="region-select"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="nature" label={t("nature")}>
            <Select allowClear options={NATURES.map((n) => ({ value: n, label: l(NATURE_LABELS, n) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="categoryId" label={t("category")}>
            <Select allowClear showSearch optionFilterProp="label" options={categoryOptions} />
          </Form.Item>
        </Col>
      </Row>
      <RegistrationFieldsCard defs={fieldDefs} />
      {isAccusation && (
        <div data-testid="accusation-fields">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t("accusationAutoConfidential")}
            data-testid="accusation-note"
          />
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="accusedDescription" label={t("staffAccusedDescription")}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <AccusedUnitField
                name="accusedUnitId"
                label="staffAccusedUnit"
                help="accusedUnitHelp"
                units={units.data?.items}
                loading={units.loading}
              />
            </Col>
          </Row>
        </div>
      )}
      <Form.Item name="title" label={t("title")} rules={requiredTextRules(t, "title")}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="content" label={t("content")} rules={requiredTextRules(t, "content")}>
        <Input.TextArea rows={4} maxLength={20000} />
      </Form.Item>
      <TriagePanel
        values={draft ?? {}}
        categories={categories.data?.items ?? []}
        onNature={(nature) => form.setFieldValue("nature", nature)}
        onCategory={(categoryId) => form.setFieldValue("categoryId", categoryId)}
        onShown={onTriageShown}
      />
      <AttachmentPicker files={files} onChange={setFiles} />
      <RepeatsPreview values={{ ...(draft ?? {}), channel }} />
      <Form.Item>
        <Form.Item name="isAnonymous" valuePropName="checked" noStyle>
          <Checkbox>{t("anonymous")}</Checkbox>
        </Form.Item>
        {isAccusation ? (
          // Not a switch: every accusation is confidential until the bureau lifts it.
          <Checkbox checked disabled data-testid="confidential-always">
            {t("confidentialAlways")}
          </Checkbox>
        ) : (
          <Form.Item name="isConfidential" valuePropName="checked" noStyle>
            <Checkbox>{t("confidential")}</Checkbox>
          </Form.Item>
        )}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="register-submit">
        {t("submit")}
      </Button>
    </Form>
  );
}

/** Registration per channel: visit (a group with headcount, batches, representatives), letter, phone. */
export function RegisterPage() {
  const { t } = useLocale();
  const [channel, setChannel] = useState<Channel>("visit");
  return (
    <Card title={t("registerTitle")}>
      <Tabs
        activeKey={channel}
        onChange={(k) => setChannel(k as Channel)}
        destroyOnHidden
        items={[
          { key: "visit", label: t("visitForm"), children: <RegisterForm channel="visit" /> },
          { key: "letter", label: t("letterForm"), children: <RegisterForm channel="letter" /> },
          { key: "phone", label: t("phoneForm"), children: <RegisterForm channel="phone" /> },
        ]}
      />
    </Card>
  );
}
