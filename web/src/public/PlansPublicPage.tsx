import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Page, Plan } from '../api/types';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

/** 双随机、一公开: every plan's seed commitment before the draw, the seed and the result after. */
export function PlansPublicPage() {
  const [open, setOpen] = useState<Plan | null>(null);
  const { data, error, loading } = useLoad((signal) => api<Page<Plan>>('/api/v1/public/inspection-plans', { query: { pageSize: 100 }, signal }), []);
  return (
    <>
      <PageHeader title="双随机抽查公示">抽取前公布种子的 SHA-256 承诺与抽样池，抽取后公布种子、公开随机数与结果，任何人都可按公布的算法复核。</PageHeader>
      {error ? <LoadError error={error} /> : (
        <DataTable<Plan>
          rowKey="id" loading={loading} dataSource={data?.items ?? []} pagination={{ pageSize: 20 }} exportName="双随机抽查公示"
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          exportColumns={[
            { title: '计划', value: (r) => r.title }, { title: '地区', value: (r) => divisionName(r.divisionCode) }, { title: '期间', value: (r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '状态', value: (r) => (r.status === 'drawn' ? '已抽取' : '待抽取') }, { title: '种子承诺', value: (r) => r.seedCommitment }, { title: '种子', value: (r) => r.seed ?? '' },
            { title: '抽中机构', value: (r) => r.result?.institutions.map((i) => i.name).join('、') ?? '' },
          ]}
          columns={[
            { title: '计划', dataIndex: 'title' },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '期间', key: 'p', render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', dataIndex: 'departments', render: (v: string[]) => v.map((d) => <Tag key={d}>{label(DEPARTMENT_LABELS, d)}</Tag>) },
            { title: '状态', dataIndex: 'status', render: (v: string) => (v === 'drawn' ? <Tag color="blue">已抽取</Tag> : <Tag>待抽取</Tag>) },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open?.title}>
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="种子承诺（SHA-256）"><Typography.Text code copyable>{open.seedCommitment}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="抽样池哈希"><Typography.Text code>{open.poolHash}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="种子">{open.seed ? <Typography.Text code copyable>{open.seed}</Typography.Text> : '抽取时公布'}</Descriptions.Item>
              <Descriptions.Item label="公开随机数">{open.publicEntropy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="公布 / 抽取时间">{dateTime(open.committedAt)} / {dateTime(open.drawnAt)}</Descriptions.Item>
              <Descriptions.Item label="抽中机构">{open.result?.institutions.map((i) => i.name).join('、') || '—'}</Descriptions.Item>
            </Descriptions>
          </>
        ) : null}
      </Drawer>
    </>
  );
}
