import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../api/client';
import { homeDivision, useSession } from '../auth/session';
import type { GradeCounts, Page, Plan, PlanSummary, ResolvedRules } from '../api/types';
import { formatRuleSource } from '../../../libs/common/src/rule-documents';
import { DEPARTMENT_LABELS, INSPECTING_DEPARTMENTS, JURISDICTION_LEVEL_LABELS, dateTime, label } from '../common/labels';
import { divisionName, streetsOf } from '../common/divisions';
import { gradeCounts, PlanDrawsTable, PlanPoolTable } from '../common/plan-tables';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

const percent = (ratios: GradeCounts & { unfiled?: number }) =>
  [
    ...(['A', 'B', 'C', 'D'] as const).map((g) => `${g} ${Math.round((ratios[g] ?? 0) * 1000) / 10}%`),
    ...(ratios.unfiled === undefined ? [] : [`未备案 ${Math.round(ratios.unfiled * 1000) / 10}%`]),
  ].join('、');

/** The sampling ratios the supervision policy in force sets for the division on the day (national, or the place's own), with their source. */
function PolicyNote({ divisionCode, date }: { divisionCode?: string; date?: string }) {
  const { data } = useLoad(
    (signal) =>
      divisionCode && date
        ? api<ResolvedRules<{ parameter: string; value: GradeCounts }>>('/api/v1/rules/effective', {
            query: { family: 'supervision', divisionCode, date },
            signal,
          })
        : Promise.resolve(undefined),
    [divisionCode, date],
  );
  const rule = data?.rules.find((r) => r.key === 'samplingRatios');
  if (!rule) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={`按信用等级抽查比例：${percent(rule.body.value)}`}
      description={`${label(JURISDICTION_LEVEL_LABELS, rule.from.level)} · ${rule.from.jurisdictionName}《${rule.from.title}》；依据 ${rule.sources.map(formatRuleSource).join('；')}`}
    />
  );
}

export function PlansPage() {
  const session = useSession();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Plan | null>(null);
  const [drawsKey, setDrawsKey] = useState(0);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const divisionCode = Form.useWatch('divisionCode', form) as string | undefined;
  const period = Form.useWatch('period', form) as [Dayjs, Dayjs] | undefined;
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<PlanSummary>>('/api/v1/inspection-plans', { query: { page, pageSize: 20 }, signal }),
    [page],
  );
  // 国发〔2019〕5号: the street office and health lead joint plans; any other inspecting department plans its own, alone.
  const leads = ['street', 'health', 'admin'].includes(session?.department ?? '');
  const canPlan = leads || INSPECTING_DEPARTMENTS.includes(session?.department ?? '');
  const plannable = leads ? INSPECTING_DEPARTMENTS : INSPECTING_DEPARTMENTS.filter((d) => d === session?.department);
  const mayDraw = (plan: { status: string; departments: string[] }) =>
    plan.status === 'committed' && (leads || (canPlan && plan.departments.length === 1 && plan.departments[0] === session?.department));
  const home = homeDivision(session);
  const divisions = home.length === 6 ? [home, ...streetsOf(home).map((s) => s.code)] : [home];

  async function commit() {
    const v = (await form.validateFields()) as { title?: string; divisionCode: string; period: [Dayjs, Dayjs]; departments: string[] };
    try {
      const plan = await api<Plan>('/api/v1/inspection-plans', {
        method: 'POST',
        body: {
          title: v.title || undefined,
          divisionCode: v.divisionCode,
          periodFrom: v.period[0].format('YYYY-MM-DD'),
          periodTo: v.period[1].format('YYYY-MM-DD'),
          departments: v.departments,
        },
      });
      void message.success('计划已公布（种子承诺已发布）');
      setCreating(false);
      reload();
      setOpen(plan);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  }

  /** The list carries counts only: the drawer reads the plan itself (inspectors' names, the first excluded institutions). */
  async function show(id: string) {
    try {
      setOpen(await api<Plan>(`/api/v1/inspection-plans/${id}`));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  }

  async function draw(plan: PlanSummary) {
    let entropy = '';
    Modal.confirm({
      title: '抽取',
      okText: '揭示种子并抽取',
      cancelText: '取消',
      content: (
        <Input
          aria-label="公开随机数"
          placeholder="现场公布的公开随机数（如见证人报数），可留空"
          onChange={(e) => {
            entropy = e.target.value;
          }}
        />
      ),
      onOk: async () => {
        try {
          const drawn = await api<Plan>(`/api/v1/inspection-plans/${plan.id}/draw`, { method: 'POST', body: entropy ? { publicEntropy: entropy } : {} });
          setOpen(drawn);
          reload();
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  }

  async function createInspection(plan: Plan, institutionId: string) {
    try {
      await api('/api/v1/inspections', { method: 'POST', body: { planId: plan.id, institutionId } });
      void message.success('已创建联合检查，检查人员的手机上可见');
      setDrawsKey((k) => k + 1);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  }

  return (
    <>
      <PageHeader
        title="双随机计划"
        extra={
          canPlan ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建抽查计划
            </Button>
          ) : null
        }
      >
        先公布种子承诺（SHA-256），抽取时揭示种子并混入公开随机数，任何人都可复核抽取结果。
      </PageHeader>
      <Modal open={creating} title="新建抽查计划" okText="公布计划" cancelText="取消" onCancel={() => setCreating(false)} onOk={() => void commit()}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ divisionCode: home, period: [dayjs(), dayjs().add(1, 'month')], departments: leads ? ['fire', 'market', 'health'] : plannable }}
        >
          <Form.Item label="计划名称" name="title">
            <Input maxLength={200} placeholder={`${divisionName(home)} ${dayjs().format('YYYY年M月')} 托育机构双随机抽查`} />
          </Form.Item>
          <Form.Item label="抽查范围" name="divisionCode" rules={[{ required: true }]}>
            <Select options={divisions.map((c) => ({ value: c, label: divisionName(c) }))} />
          </Form.Item>
          <Form.Item label="检查期间" name="period" rules={[{ required: true, message: '请选择期间' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item label="参加部门" name="departments" rules={[{ required: true, message: '至少选择一个部门' }]}>
            <Checkbox.Group options={plannable.map((d) => ({ value: d, label: label(DEPARTMENT_LABELS, d) }))} />
          </Form.Item>
          <PolicyNote divisionCode={divisionCode} date={period?.[0]?.format('YYYY-MM-DD')} />
        </Form>
      </Modal>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<PlanSummary>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => void show(r.id), style: { cursor: 'pointer' } })}
          exportName="双随机计划"
          exportColumns={[
            { title: '计划', value: (r) => r.title },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '期间', value: (r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', value: (r) => r.departments.map((d) => label(DEPARTMENT_LABELS, d)).join('、') },
            { title: '状态', value: (r) => (r.status === 'drawn' ? '已抽取' : '已公布承诺') },
            { title: '抽样池机构数', value: (r) => r.pool.institutions },
            { title: '抽中机构数', value: (r) => r.result?.institutions ?? '' },
            { title: '种子承诺', value: (r) => r.seedCommitment },
            { title: '种子', value: (r) => r.seed ?? '' },
          ]}
          columns={[
            { title: '计划', dataIndex: 'title' },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '期间', key: 'period', render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', dataIndex: 'departments', render: (v: string[]) => v.map((d) => <Tag key={d}>{label(DEPARTMENT_LABELS, d)}</Tag>) },
            { title: '状态', dataIndex: 'status', render: (v: string) => (v === 'drawn' ? <Tag color="blue">已抽取</Tag> : <Tag>已公布承诺</Tag>) },
            { title: '抽样池', key: 'pool', render: (_: unknown, r) => r.pool.institutions },
            { title: '抽中', key: 'n', render: (_: unknown, r) => r.result?.institutions ?? '—' },
            ...(canPlan
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    render: (_: unknown, r: PlanSummary) =>
                      mayDraw(r) ? (
                        <Button
                          size="small"
                          onClick={(e) => {
                            e.stopPropagation();
                            void draw(r);
                          }}
                        >
                          抽取
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} title={open?.title} size="large">
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="种子承诺">
                <Typography.Text code copyable>
                  {open.seedCommitment}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="种子">
                {open.seed ? (
                  <Typography.Text code copyable>
                    {open.seed}
                  </Typography.Text>
                ) : (
                  '抽取时揭示'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="公开随机数">{open.publicEntropy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="抽样池哈希">
                <Typography.Text code>{open.poolHash}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="公布时间">{dateTime(open.committedAt)}</Descriptions.Item>
              <Descriptions.Item label="抽取时间">{dateTime(open.drawnAt)}</Descriptions.Item>
              <Descriptions.Item label="抽查比例">{percent(open.drawInput.ratios)}</Descriptions.Item>
              {open.policyVersion ? <Descriptions.Item label="监管政策版本">{open.policyVersion}</Descriptions.Item> : null}
              <Descriptions.Item label="抽样池">{gradeCounts(open.pool)}</Descriptions.Item>
              <Descriptions.Item label="抽中">{gradeCounts(open.result)}</Descriptions.Item>
              {open.excludedTotal ? (
                <Descriptions.Item label="未纳入抽样">
                  {open.excluded.map((x) => `${x.name}（${x.reason}）`).join('；')}
                  {open.excludedTotal > open.excluded.length ? `；等共 ${open.excludedTotal} 家` : ''}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            {mayDraw(open) ? (
              <Space style={{ marginTop: 12 }}>
                <Button type="primary" onClick={() => void draw(open)}>
                  揭示种子并抽取
                </Button>
              </Space>
            ) : null}
            <Tabs
              key={open.id}
              style={{ marginTop: 8 }}
              items={[
                ...(open.status === 'drawn'
                  ? [
                      {
                        key: 'draws',
                        label: '抽取结果',
                        children: (
                          <PlanDrawsTable
                            plan={open}
                            base="/api/v1"
                            reloadKey={drawsKey}
                            extraColumns={[
                              {
                                title: '联合检查',
                                key: 'inspection',
                                render: (_: unknown, r) =>
                                  r.inspectionId ? (
                                    <Link to={`/app/inspections/${r.inspectionId}`}>查看</Link>
                                  ) : canPlan ? (
                                    <Button size="small" onClick={() => void createInspection(open, r.institutionId)}>
                                      创建检查
                                    </Button>
                                  ) : (
                                    '—'
                                  ),
                              },
                            ]}
                          />
                        ),
                      },
                    ]
                  : []),
                { key: 'pool', label: '抽样池', children: <PlanPoolTable plan={open} base="/api/v1" /> },
              ]}
            />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
