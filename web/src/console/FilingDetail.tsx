import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, downloadFile, errorMessage } from '../api/client';
import type { CheckResult, Filing, RuleDocumentRef } from '../api/types';
import { useSession } from '../auth/session';
import { CHECK_OUTCOME_LABELS, FILING_STATUS_LABELS, JURISDICTION_LEVEL_LABELS, dateTime, label } from '../common/labels';
import { divisionName, divisionPath } from '../common/divisions';
import { DataTable, LoadError, Loading, PageHeader, useLoad } from '../common/ui';

const OUTCOME_COLOR: Record<string, string> = { pass: 'green', fail: 'red', needs_review: 'orange' };

export function FilingDetail() {
  const { id = '' } = useParams();
  const session = useSession();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoad((signal) => api<Filing>(`/api/v1/filings/${id}`, { signal }), [id]);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reasons, setReasons] = useState<string[]>([]);
  const [form] = Form.useForm();
  if (loading && !data) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  const canDecide = session?.department === 'health' && data.status === 'submitted';

  async function decide(body: { decision: 'approve' | 'reject'; reasons?: { ruleId?: string; text: string }[]; comment?: string }) {
    setBusy(true);
    try {
      const r = await api<Filing>(`/api/v1/filings/${id}/decision`, { method: 'POST', body });
      void message.success(r.receiptNo ? `已通过，回执编号 ${r.receiptNo}` : '已作出不予备案决定');
      setRejecting(false);
      reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const failing = data.check.results.filter((r) => r.outcome !== 'pass');
  return (
    <>
      <Link to="/app/filings">← {session?.department === 'operator' ? '备案申请' : '备案审核'}</Link>
      <PageHeader
        title={`备案申请：${data.institutionName}`}
        extra={
          canDecide ? (
            <Space>
              <Button
                type="primary"
                loading={busy}
                onClick={() =>
                  Modal.confirm({
                    title: '确认通过备案？',
                    content: '通过后出具备案回执并在公示名录中公开。',
                    okText: '通过并出具回执',
                    cancelText: '取消',
                    onOk: () => decide({ decision: 'approve' }),
                  })
                }
              >
                通过，出具回执
              </Button>
              <Button
                danger
                onClick={() => {
                  // Only rules the check found unmet are grounds at first; one that needs checking by hand is ticked by the reviewer.
                  setReasons(failing.filter((r) => r.outcome === 'fail').map((r) => r.ruleId));
                  setRejecting(true);
                }}
              >
                不予备案
              </Button>
            </Space>
          ) : null
        }
      />
      {data.overdue && data.status === 'submitted' ? (
        <Alert type="error" showIcon title={`已超过办理期限（${data.dueBy}）`} style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="状态">
            <span data-testid="filing-status">{label(FILING_STATUS_LABELS, data.status)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="所在地区">{divisionPath(data.divisionCode)}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{dateTime(data.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="回执期限（5 个工作日）">{data.receiptDueBy}</Descriptions.Item>
          <Descriptions.Item label="告知期限（15 个工作日）">{data.noticeDueBy}</Descriptions.Item>
          <Descriptions.Item label="回执编号">
            <span data-testid="receipt-no">{data.receiptNo ?? '—'}</span>
          </Descriptions.Item>
          {data.receiptNo ? (
            <Descriptions.Item label="回执">
              <a
                href={`/api/v1/filings/${data.id}/receipt.pdf`}
                onClick={(e) => {
                  e.preventDefault();
                  downloadFile(`/api/v1/filings/${data.id}/receipt.pdf`, `备案回执-${data.receiptNo}.pdf`).catch(
                    (err: unknown) => void message.error(errorMessage(err)),
                  );
                }}
              >
                下载回执 PDF
              </a>
            </Descriptions.Item>
          ) : null}
          {data.decision ? (
            <Descriptions.Item label="审核决定">
              {data.decision.decision === 'approve' ? '通过' : '不予备案'}（{dateTime(data.decision.decidedAt)}）
            </Descriptions.Item>
          ) : null}
          {data.decision?.reasons.length ? <Descriptions.Item label="理由">{data.decision.reasons.map((r) => r.text).join('；')}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {data.check.documents?.length ? (
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={`适用的备案标准（${divisionName(data.check.divisionCode ?? data.divisionCode)}，${data.check.rulesDate ?? ''} 有效）`}
        >
          <ul data-testid="check-documents" style={{ margin: 0, paddingLeft: 20 }}>
            {data.check.documents.map((d) => (
              <li key={d.version}>
                <LevelTag from={d} /> {documentTitle(d)}
                <span style={{ color: '#888' }}>（{d.effectiveFrom} 起）</span>
              </li>
            ))}
          </ul>
          {data.check.disabled?.length ? (
            <p style={{ margin: '8px 0 0' }}>
              停用的上级规则：
              {data.check.disabled.map((d) => `${d.title}（${d.by.jurisdictionName}：${d.reason}）`).join('；')}
            </p>
          ) : null}
        </Card>
      ) : null}
      <DataTable<CheckResult>
        heading={
          <strong>
            自动核验（{dateTime(data.check.checkedAt)}，{data.check.summary.pass} 项符合、{data.check.summary.fail} 项不符合、{data.check.summary.needs_review}{' '}
            项需人工核实）
          </strong>
        }
        rowKey={(r) => `${r.ruleId}@${r.from?.version ?? ''}`}
        pagination={false}
        dataSource={data.check.results}
        exportName={`备案自动核验-${data.institutionName}`}
        exportColumns={[
          { title: '规则', value: (r) => r.title },
          { title: '结果', value: (r) => label(CHECK_OUTCOME_LABELS, r.outcome) },
          { title: '实测', value: (r) => fmt(r.measured) },
          { title: '标准', value: (r) => r.limit },
          { title: '说明', value: (r) => r.message },
          { title: '层级', value: (r) => (r.from ? `${label(JURISDICTION_LEVEL_LABELS, r.from.level)}（${r.from.jurisdictionName}）` : '') },
          { title: '依据', value: (r) => r.source },
        ]}
        columns={[
          { title: '规则', dataIndex: 'title', width: 200 },
          { title: '结果', dataIndex: 'outcome', render: (v: string) => <Tag color={OUTCOME_COLOR[v]}>{label(CHECK_OUTCOME_LABELS, v)}</Tag> },
          {
            title: '层级',
            key: 'level',
            width: 150,
            render: (_: unknown, r: CheckResult) => (r.from ? <LevelTag from={r.from} /> : '—'),
          },
          { title: '实测', dataIndex: 'measured', width: 200, render: fmt },
          { title: '标准', dataIndex: 'limit', width: 220 },
          { title: '说明', dataIndex: 'message', width: 220 },
          {
            title: '依据',
            dataIndex: 'source',
            width: 320,
            render: (v: string) => (
              <span data-testid="rule-source">
                {v.split('；').map((citation, i) => (
                  <div key={i}>{citation}</div>
                ))}
              </span>
            ),
          },
        ]}
      />
      <Modal
        title="不予备案"
        open={rejecting}
        okText="确认不予备案"
        okButtonProps={{ danger: true, loading: busy }}
        cancelText="取消"
        onCancel={() => setRejecting(false)}
        onOk={async () => {
          const v = (await form.validateFields()) as { extra?: string; comment?: string };
          const chosen: { ruleId?: string; text: string }[] = data.check.results
            .filter((r) => reasons.includes(r.ruleId))
            .map((r) => ({ ruleId: r.ruleId, text: `${r.title}：${r.message}`.slice(0, 500) }));
          if (v.extra) chosen.push({ text: v.extra });
          if (!chosen.length) {
            void message.warning('请至少选择或填写一条理由');
            return;
          }
          await decide({ decision: 'reject', reasons: chosen, comment: v.comment || undefined });
        }}
      >
        <p>勾选不符合的规则作为理由（可补充其他理由）：</p>
        <Checkbox.Group
          value={reasons}
          onChange={(v) => setReasons(v as string[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 6, marginBottom: 12 }}
          options={failing.map((r) => ({ value: r.ruleId, label: `${r.title}（${label(CHECK_OUTCOME_LABELS, r.outcome)}）` }))}
        />
        <Form form={form} layout="vertical">
          <Form.Item label="其他理由" name="extra">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item label="备注" name="comment">
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const LEVEL_COLOR: Record<string, string> = { national: 'blue', province: 'purple', city: 'cyan', county: 'geekblue', street: 'gold' };

/** 国家 / 省级 / 市级 / 区县 / 街道, with the jurisdiction's name. */
function LevelTag({ from }: { from: RuleDocumentRef }) {
  return (
    <Tag color={LEVEL_COLOR[from.level]} title={documentTitle(from)}>
      {label(JURISDICTION_LEVEL_LABELS, from.level)}
      {from.level === 'national' ? '' : `·${from.jurisdictionName}`}
    </Tag>
  );
}

/** 《title》文号 */
function documentTitle(d: RuleDocumentRef): string {
  const title = d.title.startsWith('《') || d.title.includes('/T') ? d.title : `《${d.title}》`;
  const documentNo = d.sources.find((s) => s.documentNo)?.documentNo;
  return documentNo ? `${title}${documentNo}` : title;
}

const FACT_LABELS: Record<string, string> = {
  size: '人数',
  carers: '保育人员',
  education: '学历',
  managementYears: '管理年限',
  postTrainingCompleted: '岗位培训',
  fullTime: '专职',
  partTime: '兼职',
  children: '婴幼儿',
  coversAllInfantAreas: '全覆盖',
  runs24h: '24 小时',
  householdsServed: '服务户数',
  buildingAreaM2: '建筑面积 m²',
  outdoorAreaM2: '室外面积 m²',
  basementUse: '使用地下室',
  floors: '楼层',
  name: '名称',
  doctorName: '儿保医生',
  signedOn: '签约日期',
};

const VALUE_LABELS: Record<string, string> = {
  below_high_school: '高中以下',
  high_school: '高中',
  vocational: '中专/职高',
  junior_college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctorate: '博士',
};

/** A measured value as people read it: lists joined, objects as 名称：值, never raw JSON. */
function fmt(v: unknown): string {
  if (v === null || v === undefined) return '（未提供）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return VALUE_LABELS[v] ?? v;
  if (Array.isArray(v)) return v.length ? v.map(fmt).join('、') : '无';
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => `${FACT_LABELS[key] ?? key}：${typeof value === 'object' ? `（${fmt(value)}）` : fmt(value)}`)
      .join('，');
  }
  return String(v);
}
