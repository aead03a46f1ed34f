import { App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Progress, Select, Space, Tabs, Tag, Timeline } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, downloadFile, errorMessage } from '../api/client';
import { homeDivision, useSession } from '../auth/session';
import { DEPARTMENT_LABELS, dateTime, label, yuan } from '../common/labels';
import { divisionName, streetsOf } from '../common/divisions';
import { DataTable, LoadError, PageHeader, showApiError, useLoad } from '../common/ui';
import { type RunLine, RunLinesTable } from './RunLinesTable';

interface RunView {
  id: string;
  month: string;
  divisionCode: string;
  status: string;
  stage: string | null;
  streetsPending: string[];
  attempt: number;
  progress: { phase: string; done: number; total: number };
  stale: boolean;
  totals: null | {
    lines: number;
    payableLines: number;
    ineligibleLines: number;
    heldLines: number;
    institutions: number;
    children: number;
    payableFen: number;
    heldFen: number;
    adjustmentFen: number;
    cappedAwayFen: number;
  };
  approvals: { round: number; stage: string; decision: 'approve' | 'reject'; department: string; reason: string | null; comment: string | null; at: string }[];
  returned: { stage: string; reason: string; at: string } | null;
  createdAt: string;
  computedAt: string | null;
  postedAt: string | null;
}
interface RunInstitution {
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  lines: number;
  children: number;
  payableFen: number;
  adjustmentFen: number;
  heldLines: number;
  ineligibleLines: number;
}

const STATUS: Record<string, string> = { computing: '计算中', computed: '待审批', returned: '已退回', posted: '已入账' };
const STAGE: Record<string, string> = { street: '镇街审核', health: '卫健部门审核', finance: '财政部门审核' };

/** 补助发放: runs computed on actual enrolment, their progress, lines, approvals and Excel. */
export function SubsidyPage() {
  const session = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState<RunView | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ month: Dayjs; divisionCode: string }>();
  const runs = useLoad((signal) => api<RunView[]>('/api/v1/subsidy/runs', { signal }), []);
  const canStart = ['health', 'admin'].includes(session?.department ?? '');
  const home = homeDivision(session);
  const divisions = home.length === 6 ? [home, ...streetsOf(home).map((s) => s.code)] : [home];

  // A run computes in the background: follow its progress while its drawer is open.
  const computingId = open?.status === 'computing' ? open.id : null;
  useEffect(() => {
    if (!computingId) return;
    const timer = window.setInterval(() => {
      void api<RunView>(`/api/v1/subsidy/runs/${computingId}`).then(
        (fresh) => {
          setOpen((cur) => (cur?.id === fresh.id ? fresh : cur));
          if (fresh.status !== 'computing') runs.reload();
        },
        () => undefined,
      );
    }, 1_000);
    return () => window.clearInterval(timer);
  }, [computingId]);

  async function start() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const run = await api<RunView>('/api/v1/subsidy/runs', { method: 'POST', body: { month: v.month.format('YYYY-MM'), divisionCode: v.divisionCode } });
      void message.success('已开始计算');
      setCreating(false);
      setOpen(run);
      runs.reload();
    } catch (e) {
      void message.error(showApiError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="补助发放"
        extra={
          canStart ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建补助计算
            </Button>
          ) : null
        }
      >
        按实际收托人数核算，金额以分计；镇街 → 卫健 → 财政逐级审批，财政批准后入账。
      </PageHeader>
      <Modal
        open={creating}
        title="新建补助计算"
        okText="开始计算"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setCreating(false)}
        onOk={() => void start()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ month: dayjs().subtract(1, 'month'), divisionCode: home }}>
          <Form.Item
            label="补助月份"
            name="month"
            rules={[{ required: true, message: '请选择月份' }]}
            extra="按该月收托名册计算；已入账的月份不能重算（更正进入下一期调整）。"
          >
            <DatePicker picker="month" allowClear={false} aria-label="补助月份" />
          </Form.Item>
          <Form.Item label="计算范围" name="divisionCode" rules={[{ required: true, message: '请选择地区' }]}>
            <Select showSearch optionFilterProp="label" options={divisions.map((c) => ({ value: c, label: divisionName(c) }))} />
          </Form.Item>
        </Form>
      </Modal>
      {runs.error ? (
        <LoadError error={runs.error} />
      ) : (
        <DataTable<RunView>
          rowKey="id"
          loading={runs.loading}
          dataSource={runs.data ?? []}
          pagination={{ pageSize: 20 }}
          exportName="补助计算批次"
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          exportColumns={[
            { title: '月份', value: (r) => r.month },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '状态', value: (r) => label(STATUS, r.status) },
            { title: '待审环节', value: (r) => label(STAGE, r.stage) },
            { title: '机构数', value: (r) => r.totals?.institutions ?? '' },
            { title: '人数', value: (r) => r.totals?.children ?? '' },
            { title: '应发金额（元）', value: (r) => (r.totals ? r.totals.payableFen / 100 : '') },
            { title: '暂缓金额（元）', value: (r) => (r.totals ? r.totals.heldFen / 100 : '') },
          ]}
          columns={[
            {
              title: '月份',
              dataIndex: 'month',
              render: (v: string, r) => (
                <span data-testid={`run-${r.divisionCode}-${v}`} data-status={r.status}>
                  {v}
                </span>
              ),
            },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string, r) => (
                <Space size={4}>
                  <Tag color={v === 'posted' ? 'green' : v === 'returned' ? 'red' : 'blue'}>{label(STATUS, v)}</Tag>
                  {r.stale ? <Tag color="orange">数据已变更，需重算</Tag> : null}
                </Space>
              ),
            },
            {
              title: '进度',
              key: 'p',
              render: (_: unknown, r) =>
                r.status === 'computing' ? (
                  <Progress percent={r.progress.total ? Math.round((r.progress.done / r.progress.total) * 100) : 0} size="small" style={{ width: 120 }} />
                ) : (
                  label(STAGE, r.stage)
                ),
            },
            { title: '人数', key: 'c', align: 'right', render: (_: unknown, r) => r.totals?.children ?? '—' },
            { title: '应发金额', key: 'f', align: 'right', render: (_: unknown, r) => yuan(r.totals?.payableFen) },
            { title: '计算时间', dataIndex: 'computedAt', render: (v: string | null) => dateTime(v) },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open ? `${open.month} · ${divisionName(open.divisionCode)} 补助批次` : ''}>
        {open ? (
          <RunDetail
            run={open}
            onChanged={(r) => {
              setOpen(r);
              runs.reload();
            }}
          />
        ) : null}
      </Drawer>
    </>
  );
}

function RunDetail({ run, onChanged }: { run: RunView; onChanged: (r: RunView) => void }) {
  const session = useSession();
  const { message } = App.useApp();
  const lines = useLoad(
    (signal) => api<{ items: RunLine[]; total: number }>(`/api/v1/subsidy/runs/${run.id}/lines`, { query: { pageSize: 2000 }, signal }),
    [run.id, run.status, run.attempt],
  );
  const institutions = useLoad(
    (signal) => api<{ items: RunInstitution[] }>(`/api/v1/subsidy/runs/${run.id}/institutions`, { query: { pageSize: 500 }, signal }),
    [run.id, run.status, run.attempt],
  );
  const canDecide = run.status === 'computed' && !run.stale && run.stage === session?.department;

  const decide = (decision: 'approve' | 'reject') => {
    let reason = '';
    Modal.confirm({
      title: decision === 'approve' ? `${label(STAGE, run.stage)}：批准` : `${label(STAGE, run.stage)}：退回`,
      okText: '确定',
      cancelText: '取消',
      content:
        decision === 'reject' ? (
          <Input.TextArea
            aria-label="退回理由"
            rows={3}
            placeholder="退回理由（必填）"
            onChange={(e) => {
              reason = e.target.value;
            }}
          />
        ) : (
          '批准后进入下一审批环节（财政批准即入账）。'
        ),
      onOk: async () => {
        try {
          onChanged(
            await api<RunView>(`/api/v1/subsidy/runs/${run.id}/approvals`, {
              method: 'POST',
              body: decision === 'approve' ? { decision } : { decision, reason },
            }),
          );
          void message.success('已提交');
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  async function serverExport() {
    try {
      await downloadFile(`/api/v1/subsidy/runs/${run.id}/export.xlsx`, `补助批次-${run.month}-${run.divisionCode}.xlsx`);
    } catch (e) {
      void message.error(`导出失败：${errorMessage(e)}`);
    }
  }

  return (
    <>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label="状态">
          <span data-testid="run-status">
            {label(STATUS, run.status)}
            {run.stage ? ` · ${label(STAGE, run.stage)}` : ''}
          </span>
          {run.status === 'computing' ? (
            <Progress percent={run.progress.total ? Math.round((run.progress.done / run.progress.total) * 100) : 0} size="small" />
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label="第几次计算">{run.attempt}</Descriptions.Item>
        <Descriptions.Item label="应发金额">{yuan(run.totals?.payableFen)}</Descriptions.Item>
        <Descriptions.Item label="暂缓 / 调整">
          {yuan(run.totals?.heldFen)} / {yuan(run.totals?.adjustmentFen)}
        </Descriptions.Item>
        <Descriptions.Item label="机构 / 人数">{run.totals ? `${run.totals.institutions} / ${run.totals.children}` : '—'}</Descriptions.Item>
        <Descriptions.Item label="预算封顶扣减">{yuan(run.totals?.cappedAwayFen)}</Descriptions.Item>
        {run.streetsPending.length ? (
          <Descriptions.Item label="待审镇街" span={2}>
            {run.streetsPending.map(divisionName).join('、')}
          </Descriptions.Item>
        ) : null}
        {run.returned ? (
          <Descriptions.Item label="退回" span={2}>
            {label(STAGE, run.returned.stage)}：{run.returned.reason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Space style={{ margin: '12px 0' }} wrap>
        {canDecide ? (
          <>
            <Button type="primary" onClick={() => decide('approve')}>
              批准
            </Button>
            <Button danger onClick={() => decide('reject')}>
              退回
            </Button>
          </>
        ) : null}
        <Button onClick={() => void serverExport()}>下载批次 Excel（含明细）</Button>
      </Space>
      {run.approvals.length ? (
        <Timeline
          style={{ marginTop: 8 }}
          items={run.approvals.map((a) => ({
            color: a.decision === 'approve' ? 'green' : 'red',
            content: `${dateTime(a.at)} ${label(STAGE, a.stage)} ${label(DEPARTMENT_LABELS, a.department)}：${a.decision === 'approve' ? '批准' : `退回（${a.reason ?? ''}）`}${a.comment ? ` — ${a.comment}` : ''}`,
          }))}
        />
      ) : null}
      <Tabs
        items={[
          {
            key: 'inst',
            label: '机构汇总',
            // Rows carry `children` (a head count), which antd's Table would take for nested rows.
            children: institutions.error ? (
              <LoadError error={institutions.error} />
            ) : (
              <DataTable<RunInstitution>
                rowKey="institutionId"
                expandable={{ childrenColumnName: 'nestedRows' }}
                loading={institutions.loading}
                dataSource={institutions.data?.items ?? []}
                pagination={{ pageSize: 20 }}
                exportName={`补助机构汇总-${run.month}`}
                exportColumns={[
                  { title: '机构', value: (r) => r.institutionName },
                  { title: '地区', value: (r) => divisionName(r.divisionCode) },
                  { title: '人数', value: (r) => r.children },
                  { title: '应发（元）', value: (r) => r.payableFen / 100 },
                  { title: '调整（元）', value: (r) => r.adjustmentFen / 100 },
                  { title: '暂缓条数', value: (r) => r.heldLines },
                  { title: '不符合条件条数', value: (r) => r.ineligibleLines },
                ]}
                columns={[
                  { title: '机构', dataIndex: 'institutionName' },
                  { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
                  { title: '人数', dataIndex: 'children', align: 'right' },
                  { title: '应发', dataIndex: 'payableFen', align: 'right', render: (v: number) => yuan(v) },
                  { title: '暂缓', dataIndex: 'heldLines', align: 'right' },
                ]}
              />
            ),
          },
          {
            key: 'lines',
            label: `明细 ${lines.data?.total ?? ''}`,
            children: lines.error ? (
              <LoadError error={lines.error} />
            ) : (
              <RunLinesTable lines={lines.data?.items ?? []} loading={lines.loading} exportName={`补助明细-${run.month}`} />
            ),
          },
        ]}
      />
    </>
  );
}
