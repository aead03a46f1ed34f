import { App, Descriptions, Drawer, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Page, Plan, PlanSummary } from '../api/types';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { gradeCounts, PlanDrawsTable, PlanPoolTable } from '../common/plan-tables';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

/** 双随机、一公开: every plan's seed commitment before the draw, the seed and the result after. */
export function PlansPublicPage() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Plan | null>(null);
  const { data, error, loading } = useLoad(
    (signal) => api<Page<PlanSummary>>('/api/v1/public/inspection-plans', { query: { page, pageSize: 20 }, signal }),
    [page],
  );

  async function show(id: string) {
    try {
      setOpen(await api<Plan>(`/api/v1/public/inspection-plans/${id}`));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  }

  return (
    <>
      <PageHeader title="双随机抽查公示">抽取前公布种子的 SHA-256 承诺与抽样池，抽取后公布种子、公开随机数与结果，任何人都可按公布的算法复核。</PageHeader>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<PlanSummary>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          exportName="双随机抽查公示"
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => void show(r.id), style: { cursor: 'pointer' } })}
          exportColumns={[
            { title: '计划', value: (r) => r.title },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '期间', value: (r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '状态', value: (r) => (r.status === 'drawn' ? '已抽取' : '待抽取') },
            { title: '种子承诺', value: (r) => r.seedCommitment },
            { title: '种子', value: (r) => r.seed ?? '' },
            { title: '抽样池机构数', value: (r) => r.pool.institutions },
            { title: '抽中机构数', value: (r) => r.result?.institutions ?? '' },
          ]}
          columns={[
            { title: '计划', dataIndex: 'title' },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '期间', key: 'p', render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', dataIndex: 'departments', render: (v: string[]) => v.map((d) => <Tag key={d}>{label(DEPARTMENT_LABELS, d)}</Tag>) },
            { title: '状态', dataIndex: 'status', render: (v: string) => (v === 'drawn' ? <Tag color="blue">已抽取</Tag> : <Tag>待抽取</Tag>) },
            { title: '抽样池', key: 'pool', render: (_: unknown, r) => r.pool.institutions },
            { title: '抽中', key: 'n', render: (_: unknown, r) => r.result?.institutions ?? '—' },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open?.title}>
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="种子承诺（SHA-256）">
                <Typography.Text code copyable>
                  {open.seedCommitment}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="抽样池哈希">
                <Typography.Text code>{open.poolHash}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="种子">
                {open.seed ? (
                  <Typography.Text code copyable>
                    {open.seed}
                  </Typography.Text>
                ) : (
                  '抽取时公布'
                )}
              </Descriptions.Item>
              <Descriptions.Item label="公开随机数">{open.publicEntropy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="公布 / 抽取时间">
                {dateTime(open.committedAt)} / {dateTime(open.drawnAt)}
              </Descriptions.Item>
              <Descriptions.Item label="抽样池">{gradeCounts(open.pool)}</Descriptions.Item>
              <Descriptions.Item label="抽中机构">{gradeCounts(open.result)}</Descriptions.Item>
            </Descriptions>
            <Tabs
              key={open.id}
              style={{ marginTop: 8 }}
              items={[
                ...(open.status === 'drawn' ? [{ key: 'draws', label: '抽中机构', children: <PlanDrawsTable plan={open} base="/api/v1/public" /> }] : []),
                { key: 'pool', label: '抽样池', children: <PlanPoolTable plan={open} base="/api/v1/public" /> },
              ]}
            />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
