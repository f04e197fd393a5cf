import { Alert, App, Button, Card, Empty, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { ApiError, post } from "../../../api/client.ts";
import { useApi } from "../../../hooks/use-api.ts";
import { useLocale } from "../../../i18n/locale.tsx";

export interface IssuedDocument {
  id: string;
  kind: string;
  title: string;
  generatedAt: string;
  generatedBy: string;
  hasPdf: boolean;
  docNumber?: string | null;
  issuer?: string | null;
}
/** The copy that prints a fresh query code: offered once, in the issuing answer. */
interface CodedCopy {
  queryCode: string;
  docxBase64: string;
  pdfBase64: string | null;
}
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const blobUrl = (base64: string, type: string) =>
  URL.createObjectURL(new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type }));
export interface CaseDocuments {
  available: { kind: string; title: string; mayIssue: boolean }[];
  issued: IssuedDocument[];
}

/**
 * The notices and letters of a case: an issue button for each kind the server says this user may
 * issue now, and Word/PDF downloads of those issued.
 */
export function DocumentsPanel({ caseId }: { caseId: string }) {
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const docs = useApi<CaseDocuments>(`/api/cases/${caseId}/documents`);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [coded, setCoded] = useState<{
    title: string;
    code: string;
    docx: string;
    pdf: string | null;
  } | null>(null);
  const issue = async (kind: string) => {
    setBusy(kind);
    setError(null);
    try {
      const doc = await post<{ title: string; coded?: CodedCopy | null }>(`/api/cases/${caseId}/documents`, {
        kind,
      });
      message.success(t("documentIssued", { title: doc.title }));
      if (doc.coded)
        setCoded({
          title: doc.title,
          code: doc.coded.queryCode,
          docx: blobUrl(doc.coded.docxBase64, DOCX_TYPE),
          pdf: doc.coded.pdfBase64 ? blobUrl(doc.coded.pdfBase64, "application/pdf") : null,
        });
      docs.reload();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    } finally {
      setBusy(null);
    }
  };
  const issuable = docs.data?.available.filter((a) => a.mayIssue) ?? [];
  const base = `/api/cases/${caseId}/documents`;
  return (
    <Card title={t("documents")} data-testid="documents">
      {(docs.error ?? error) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={(error ?? docs.error)?.text(locale)}
          data-testid="documents-error"
        />
      )}
      {coded && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="coded-copy"
          title={t("codedCopy", { code: coded.code })}
          description={
            <Space>
              {t("codedDownload")}：
              <a href={coded.docx} download={`${coded.title}.docx`} data-download="coded-docx">
                Word
              </a>
              {coded.pdf && (
                <a href={coded.pdf} download={`${coded.title}.pdf`} data-download="coded-pdf">
                  PDF
                </a>
              )}
            </Space>
          }
        />
      )}
      {issuable.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t("issueDocument")}：</Typography.Text>
          <Space wrap>
            {issuable.map((a) => (
              <Button
                key={a.kind}
                size="small"
                loading={busy === a.kind}
                onClick={() => issue(a.kind)}
                data-issue={a.kind}
              >
                {a.title}
              </Button>
            ))}
          </Space>
        </div>
      )}
      {docs.data && docs.data.issued.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noDocuments")} />
      ) : (
        <Table<IssuedDocument>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          loading={docs.loading && !docs.data}
          dataSource={docs.data?.issued ?? []}
          data-testid="issued-documents"
          columns={[
            {
              title: t("documentTitle"),
              dataIndex: "title",
              render: (v: string, d) => (d.docNumber ? `${v}（${d.docNumber}）` : v),
            },
            {
              title: t("issuedAt"),
              dataIndex: "generatedAt",
              render: (v: string) => dayjs(v).format("YYYY-MM-DD HH:mm"),
            },
            { title: t("by"), dataIndex: "generatedBy" },
            {
              title: t("download"),
              key: "download",
              render: (_: unknown, d) => (
                <Space>
                  <a href={`${base}/${d.id}/docx`} data-download="docx" download>
                    Word
                  </a>
                  {d.hasPdf && (
                    <a href={`${base}/${d.id}/pdf`} data-download="pdf" download>
                      PDF
                    </a>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
