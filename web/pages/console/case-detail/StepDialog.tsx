import { Checkbox, Form, type FormInstance, Input } from "antd";
import type { ReactNode } from "react";
import { REPORT_RECIPIENTS } from "../../../../domain/schemas/steps.ts";
import { useLocale } from "../../../i18n/locale.tsx";
import { FormModal } from "./FormModal.tsx";
import { type HearingValues, hearingBody, partiesFrom, rescheduleBody, shanghaiIso } from "./steps-form.ts";

export type StepDialogKind =
  | { kind: "report" }
  | { kind: "instruction"; reportId: string }
  | { kind: "hearing" }
  | { kind: "record"; hearingId: string }
  | { kind: "cancel"; hearingId: string }
  | { kind: "reschedule"; hearingId: string }
  | { kind: "mediation" }
  | null;

/**
 * The dialogs of the case page's step card: report up, the instruction back, schedule, record,
 * reschedule or cancel a hearing, a mediation agreement. `send` posts the body and closes the dialog, or throws
 * the server's refusal, which the dialog shows.
 */
export function StepDialog({
  dialog,
  base,
  form,
  send,
  onCancel,
}: {
  dialog: StepDialogKind;
  base: string;
  form: FormInstance;
  send(url: string, body: unknown): Promise<void>;
  onCancel(): void;
}) {
  const { t, l } = useLocale();
  const modal = (
    title: string,
    name: string,
    help: string,
    onSubmit: (v: never) => Promise<void>,
    children: ReactNode,
  ) => (
    <FormModal
      title={title}
      name={name}
      form={form}
      help={help}
      onSubmit={onSubmit as (v: unknown) => Promise<void>}
      onCancel={onCancel}
    >
      {children}
    </FormModal>
  );
  const required = [{ required: true, whitespace: true, message: t("required") }];
  return (
    <>
      {dialog?.kind === "report" &&
        modal(
          t("reportUp"),
          "report-up",
          t("reportUpHelp"),
          (v: { recipients: string[]; content: string }) => send(`${base}/reports-up`, v),
          <>
            <Form.Item
              name="recipients"
              label={t("reportRecipients")}
              rules={[{ required: true, message: t("required") }]}
            >
              <Checkbox.Group
                options={Object.keys(REPORT_RECIPIENTS).map((k) => ({
                  value: k,
                  label: l(REPORT_RECIPIENTS, k),
                }))}
              />
            </Form.Item>
            <Form.Item name="content" label={t("reportContent")} rules={required}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "instruction" &&
        modal(
          t("recordInstruction"),
          "instruction",
          t("recordInstructionHelp"),
          (v: { instructedBy: string; instructedAt: string; content: string }) =>
            send(`${base}/reports-up/${dialog.reportId}/instructions`, {
              ...v,
              instructedAt: shanghaiIso(v.instructedAt),
            }),
          <>
            <Form.Item name="instructedBy" label={t("instructedBy")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="instructedAt" label={t("instructedAt")} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="content" label={t("instructionContent")} rules={required}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "hearing" &&
        modal(
          t("scheduleHearing"),
          "hearing",
          t("scheduleHearingHelp"),
          (v: HearingValues) => send(`${base}/hearings`, hearingBody(v)),
          <>
            <Form.Item name="startsAt" label={t("hearingTime")} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="place" label={t("hearingPlace")} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="host" label={t("hearingHost")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="petitioners"
              label={t("hearingPetitioners")}
              rules={[
                ({ getFieldValue }) => ({
                  validator: () =>
                    ["petitioners", "units", "thirdParties"].some((f) =>
                      String(getFieldValue(f) ?? "").trim(),
                    )
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("hearingNeedsParticipant"))),
                }),
              ]}
            >
              <Input />
            </Form.Item>
            <Form.Item name="units" label={t("hearingUnits")}>
              <Input />
            </Form.Item>
            <Form.Item name="thirdParties" label={t("hearingThirdParties")}>
              <Input />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "record" &&
        modal(
          t("recordHearing"),
          "record-hearing",
          t("recordHearingHelp"),
          (v: { heldOn: string; record: string; outcome: string }) =>
            send(`${base}/hearings/${dialog.hearingId}/record`, v),
          <>
            <Form.Item name="heldOn" label={t("heldOn")} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="record" label={t("hearingRecord")} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="outcome" label={t("hearingOutcome")} rules={required}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "cancel" &&
        modal(
          t("cancelHearing"),
          "cancel-hearing",
          t("cancelHearingHelp"),
          (v: { reason: string }) => send(`${base}/hearings/${dialog.hearingId}/cancel`, v),
          <Form.Item name="reason" label={t("reason")} rules={required}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>,
        )}
      {dialog?.kind === "reschedule" &&
        modal(
          t("rescheduleHearing"),
          "reschedule-hearing",
          t("rescheduleHearingHelp"),
          (v: { startsAt: string; place?: string; host?: string; reason: string }) =>
            send(`${base}/hearings/${dialog.hearingId}/reschedule`, rescheduleBody(v)),
          <>
            <Form.Item name="startsAt" label={t("hearingTime")} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="place" label={t("newPlace")}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="host" label={t("newHost")}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="reason" label={t("rescheduleReason")} rules={required}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>,
        )}
      {dialog?.kind === "mediation" &&
        modal(
          t("recordMediation"),
          "mediation",
          t("recordMediationHelp"),
          (v: { parties: string; terms: string; signedOn: string; mediator: string }) =>
            send(`${base}/mediations`, { ...v, parties: partiesFrom(v.parties) }),
          <>
            <Form.Item
              name="parties"
              label={t("mediationParties")}
              rules={[
                ...required,
                {
                  validator: (_: unknown, v: string | undefined) =>
                    partiesFrom(v ?? "").length >= 2
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("mediationPartiesRule"))),
                },
              ]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="terms" label={t("mediationTerms")} rules={required}>
              <Input.TextArea rows={4} maxLength={20000} />
            </Form.Item>
            <Form.Item name="signedOn" label={t("signedOn")} rules={required}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="mediator" label={t("mediator")} rules={required}>
              <Input maxLength={100} />
            </Form.Item>
          </>,
        )}
    </>
  );
}
