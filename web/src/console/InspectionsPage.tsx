import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../api/client';
import type { Finding, Inspection, InspectionForm, Page, ResultVersion } from '../api/types';
import {
  DEPARTMENT_LABELS,
  FINDING_STATUS_LABELS,
  INSPECTION_KIND_LABELS,
  ITEM_RESULT_LABELS,
  RESULT_VERSION_STATUS_LABELS,
  SEVERITY_LABELS,
  label,
  shanghaiMinute,
} from '../common/labels';
import { ConflictCompare, EvidencePhoto } from '../common/result-versions';
import { divisionName } from '../common/divisions';
import { useSession } from '../auth/session';
import { DataTable, LoadError, Loading, PageHeader, showApiError, useLoad } from '../common/ui';
import { useCapabilities } from '../api/capabilities';
import { AdHocInspectionDrawer } from './AdHocInspectionDrawer';

export function InspectionsPage() {
  const has = useCapabilities();
  const canStart = !!has?.('POST /api/v1/inspections');
  const [status, setStatus] = useState<'open' | 'completed'>('open');
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) => api<Page<Inspection>>('/api/v1/inspections', { query: { status, page, pageSize: 20 }, signal }),
    [status, page],
  );
  return (
    <>
      <PageHeader title="联合检查（综合查一次）" extra={canStart ? <AdHocInspectionDrawer /> : null}>
        各部门按一张合并表单检查，部门各自签字确认，全部签字后检查完成并生成整改意见书。
      </PageHeader>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v as 'open' | 'completed');
          setPage(1);
        }}
        options={[
          { value: 'open', label: '进行中' },
          { value: 'completed', label: '已完成' },
        ]}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<Inspection>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          exportName={status === 'open' ? '进行中的联合检查' : '已完成的联合检查'}
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '类型', value: (r) => label(INSPECTION_KIND_LABELS, r.kind) },
            { title: '计划日期', value: (r) => r.scheduledOn },
            { title: '部门', value: (r) => r.departments.map((d) => label(DEPARTMENT_LABELS, d.department)).join('、') },
            { title: '事项', value: (r) => r.summary.items },
            { title: '符合', value: (r) => r.summary.pass },
            { title: '不符合', value: (r) => r.summary.fail },
            { title: '未录入', value: (r) => r.summary.pending },
            { title: '整改意见书', value: (r) => r.noticeNo ?? '' },
          ]}
          columns={[
            { title: '机构', dataIndex: 'institutionName', render: (v: string, r) => <Link to={`/app/inspections/${r.id}`}>{v}</Link> },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '类型', dataIndex: 'kind', render: (v: string) => label(INSPECTION_KIND_LABELS, v) },
            { title: '计划日期', dataIndex: 'scheduledOn' },
            {
              title: '部门签字',
              key: 'deps',
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  {r.departments.map((d) => (
                    <Tag key={d.department} color={d.signedOffAt ? 'green' : undefined}>
                      {label(DEPARTMENT_LABELS, d.department)}
                      {d.signedOffAt ? ' ✓' : ''}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: '进度', key: 'sum', render: (_: unknown, r) => `${r.summary.items - r.summary.pending}/${r.summary.items}` },
            { title: '不符合', key: 'fail', render: (_: unknown, r) => (r.summary.fail ? <Tag color="red">{r.summary.fail}</Tag> : '0') },
          ]}
        />
      )}
    </>
  );
}

export function InspectionDetail() {
  const { id = '' } = useParams();
  const { data, error, loading } = useLoad((signal) => api<Inspection>(`/api/v1/inspections/${id}`, { signal }), [id]);
  if (loading) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  return (
    <>
      <Link to="/app/inspections">← 联合检查</Link>
      <PageHeader title={`联合检查：${data.institutionName}`} extra={<Reinspect inspection={data} />} />
      {data.alerts.map((a) => (
        <Alert key={a.code + (a.department ?? '')} type="warning" showIcon title={a.message} style={{ marginBottom: 8 }} />
      ))}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="类型">{label(INSPECTION_KIND_LABELS, data.kind)}</Descriptions.Item>
          <Descriptions.Item label="计划日期">{data.scheduledOn}</Descriptions.Item>
          <Descriptions.Item label="信用等级">{data.grade}</Descriptions.Item>
          <Descriptions.Item label="表单">
            {data.formKind === 'full' ? '完整表单' : data.formKind === 'abbreviated' ? '简化表单（高风险事项）' : '复查（未整改事项）'}
          </Descriptions.Item>
          <Descriptions.Item label="状态">{data.status === 'open' ? '进行中' : `已完成 ${shanghaiMinute(data.completedAt)}`}</Descriptions.Item>
          <Descriptions.Item label="整改意见书">{data.noticeNo ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Table
        size="small"
        rowKey="department"
        pagination={false}
        dataSource={data.departments}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '部门', dataIndex: 'department', render: (v: string) => label(DEPARTMENT_LABELS, v) },
          {
            title: '检查人员',
            dataIndex: 'inspectors',
            render: (v: Inspection['departments'][number]['inspectors']) => v.map((i) => `${i.name}（${i.badgeNo}）`).join('、'),
          },
          { title: '签字', dataIndex: 'signedOffAt', render: (v: string | null) => (v ? shanghaiMinute(v) : '未签字') },
        ]}
      />
      <FieldTruth inspection={data} />
      <FindingsTable findings={data.findings} name={`检查发现-${data.institutionName}`} />
      {data.status === 'completed' && data.noticeNo ? <Notice id={data.id} /> : null}
    </>
  );
}

/**
 * What the field sent that the record does not simply hold: items in conflict (two inspectors'
 * values, resolved here with a reason) and results that arrived after the department signed off
 * (accepted as an amendment, 补正, or rejected, with a reason) — each by an official of the item's department.
 */
function FieldTruth({ inspection }: { inspection: Inspection }) {
  const session = useSession();
  const { message } = App.useApp();
  const form = useLoad((signal) => api<InspectionForm>(`/api/v1/inspections/${inspection.id}/form`, { signal }), [inspection.id]);
  const late = useLoad(
    (signal) =>
      api<ResultVersion[]>(`/api/v1/inspections/${inspection.id}/late-results`, { signal }).catch((e: unknown) => {
        if (e instanceof ApiError && e.notFound) return [];
        throw e;
      }),
    [inspection.id],
  );
  const [deciding, setDeciding] = useState<{ version: ResultVersion; decision: 'accept' | 'reject' } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const items = new Map((form.data?.areas ?? []).flatMap((a) => a.items).map((i) => [i.code, i]));
  const conflicts = [...items.values()].filter((i) => i.result?.inConflict);
  const mine = (department: string) => session?.department === department;

  async function decide() {
    if (!deciding) return;
    setBusy(true);
    try {
      await api(`/api/v1/inspections/${inspection.id}/late-results/${deciding.version.id}/decision`, {
        method: 'POST',
        body: { decision: deciding.decision, reason: reason.trim() },
      });
      void message.success(deciding.decision === 'accept' ? '已补正，记录已更新' : '已拒绝');
      setDeciding(null);
      setReason('');
      late.reload();
      form.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {form.error ? (
        <LoadError error={form.error} />
      ) : conflicts.length ? (
        <Card title={`结果冲突（${conflicts.length} 项）`} style={{ marginBottom: 16 }} data-testid="conflicts">
          {conflicts.map((i) => (
            <div key={i.code} style={{ marginBottom: 16 }}>
              <Space size={4} wrap>
                <Tag>{i.code}</Tag>
                <Tag color="geekblue">{label(DEPARTMENT_LABELS, i.department)}</Tag>
                <span>{i.text}</span>
              </Space>
              <ConflictCompare
                key={i.result?.version ?? 0}
                inspectionId={inspection.id}
                itemCode={i.code}
                canResolve={mine(i.department)}
                onResolved={() => form.reload()}
              />
            </div>
          ))}
        </Card>
      ) : null}
      {late.error ? (
        <LoadError error={late.error} />
      ) : late.data?.length ? (
        <Card title="签字后送达的结果（逾时）" style={{ marginBottom: 16 }} data-testid="late-results">
          <Table<ResultVersion>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={late.data}
            scroll={{ x: true }}
            columns={[
              { title: '部门', dataIndex: 'department', width: 100, render: (v: string) => label(DEPARTMENT_LABELS, v) },
              {
                title: '事项',
                dataIndex: 'itemCode',
                render: (v: string) => (
                  <>
                    {v} {items.get(v)?.text ?? ''}
                  </>
                ),
              },
              { title: '结果', dataIndex: 'result', width: 80, render: (v: string) => label(ITEM_RESULT_LABELS, v) },
              { title: '说明', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
              { title: '检查人员', dataIndex: 'inspectorName', width: 90, render: (v: string | null) => v ?? '—' },
              { title: '记录时间', dataIndex: 'recordedAt', width: 150, render: (v: string) => shanghaiMinute(v) },
              { title: '送达时间', dataIndex: 'receivedAt', width: 150, render: (v: string) => shanghaiMinute(v) },
              {
                title: '照片',
                dataIndex: 'evidence',
                width: 110,
                render: (v: ResultVersion['evidence']) =>
                  v.length ? (
                    <Space wrap>
                      {v.map((e) => (
                        <EvidencePhoto key={e.ref} evidence={e} />
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              {
                title: '状态',
                dataIndex: 'status',
                width: 120,
                render: (v: string, r) => (
                  <>
                    {label(RESULT_VERSION_STATUS_LABELS, v)}
                    {r.decision ? `：${r.decision.reason}` : ''}
                  </>
                ),
              },
              {
                title: '操作',
                key: 'op',
                width: 150,
                render: (_: unknown, r) =>
                  r.status === 'late' && mine(r.department) ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => setDeciding({ version: r, decision: 'accept' })}>
                        补正
                      </Button>
                      <Button size="small" danger onClick={() => setDeciding({ version: r, decision: 'reject' })}>
                        拒绝
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Card>
      ) : null}
      <Modal
        open={!!deciding}
        title={deciding?.decision === 'accept' ? '补正：将此结果写入记录' : '拒绝此结果'}
        okText="确认"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onCancel={() => setDeciding(null)}
        onOk={() => void decide()}
        destroyOnHidden
      >
        {deciding ? (
          <p>
            {deciding.version.itemCode}：{label(ITEM_RESULT_LABELS, deciding.version.result)}
            {deciding.version.note ? `（${deciding.version.note}）` : ''}
          </p>
        ) : null}
        <Input.TextArea aria-label="决定理由" placeholder="理由（必填）" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

/**
 * 复查: a follow-up visit with only the still-open findings' items, for a completed inspection
 * the caller's department took part in.
 */
function Reinspect({ inspection }: { inspection: Inspection }) {
  const session = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ scheduledOn: Dayjs }>();
  const unresolved = inspection.findings.filter((f) => ['open', 'reported', 'not_corrected'].includes(f.status));
  const mine = inspection.departments.some((d) => d.department === session?.department);
  if (inspection.status !== 'completed' || !unresolved.length || !mine) return null;

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const created = await api<Inspection>(`/api/v1/inspections/${inspection.id}/reinspection`, {
        method: 'POST',
        body: { scheduledOn: v.scheduledOn.format('YYYY-MM-DD') },
      });
      void message.success('已安排复查，检查人员的手机上可见');
      setOpen(false);
      void navigate(`/app/inspections/${created.id}`);
    } catch (e) {
      void message.error(showApiError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        发起复查（{unresolved.length} 项未整改）
      </Button>
      <Modal
        open={open}
        title="发起复查"
        okText="安排复查"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <p>复查表单只含尚未整改的事项：{unresolved.map((f) => f.itemCode).join('、')}。</p>
        <Form form={form} layout="vertical" initialValues={{ scheduledOn: dayjs() }}>
          <Form.Item label="复查日期" name="scheduledOn" rules={[{ required: true, message: '请选择复查日期' }]}>
            <DatePicker allowClear={false} aria-label="复查日期" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 整改意见书 of a completed inspection, as the institution receives it. */
function Notice({ id }: { id: string }) {
  const { data, error } = useLoad((signal) => api<{ noticeNo: string; issuedOn: string; text: string }>(`/api/v1/inspections/${id}/notice`, { signal }), [id]);
  if (error) return <LoadError error={error} />;
  if (!data) return null;
  return (
    <Card title={`整改意见书 ${data.noticeNo}（${data.issuedOn}）`} style={{ marginTop: 16 }}>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>{data.text}</div>
    </Card>
  );
}

export function FindingsTable({
  findings,
  name,
  loading,
  onVerify,
}: {
  findings: Finding[];
  name: string;
  loading?: boolean;
  onVerify?: (f: Finding) => void;
}) {
  return (
    <DataTable<Finding>
      heading={<strong>检查发现与整改</strong>}
      rowKey="id"
      loading={loading}
      dataSource={findings}
      pagination={{ pageSize: 20 }}
      exportName={name}
      exportColumns={[
        { title: '机构', value: (r) => r.institutionName },
        { title: '部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
        { title: '事项', value: (r) => r.itemText },
        { title: '严重程度', value: (r) => label(SEVERITY_LABELS, r.severity) },
        { title: '说明', value: (r) => r.note ?? '' },
        { title: '发现日期', value: (r) => r.recordedOn },
        { title: '整改期限', value: (r) => r.deadline },
        { title: '状态', value: (r) => label(FINDING_STATUS_LABELS, r.status) },
        { title: '逾期', value: (r) => (r.overdue ? '逾期' : '') },
      ]}
      columns={[
        { title: '机构', dataIndex: 'institutionName' },
        { title: '部门', dataIndex: 'department', render: (v: string) => label(DEPARTMENT_LABELS, v) },
        { title: '事项', dataIndex: 'itemText', width: 320 },
        {
          title: '严重程度',
          dataIndex: 'severity',
          render: (v: string, r) => (
            <Space size={4}>
              {label(SEVERITY_LABELS, v)}
              {r.basic ? <Tag color="red">基本项</Tag> : null}
            </Space>
          ),
        },
        {
          title: '整改期限',
          dataIndex: 'deadline',
          render: (v: string, r) => (
            <Space size={4}>
              {v}
              {r.overdue ? <Tag color="red">逾期</Tag> : null}
            </Space>
          ),
        },
        { title: '状态', dataIndex: 'status', render: (v: string) => label(FINDING_STATUS_LABELS, v) },
        ...(onVerify
          ? [
              {
                title: '操作',
                key: 'op',
                render: (_: unknown, r: Finding) =>
                  ['open', 'reported'].includes(r.status) ? (
                    <Button size="small" onClick={() => onVerify(r)}>
                      书面核查
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}
