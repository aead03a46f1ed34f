import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Page, Plan } from '../api/types';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

export function PlansPage() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Plan | null>(null);
  const { data, error, loading } = useLoad((signal) => api<Page<Plan>>('/api/v1/inspection-plans', { query: { page, pageSize: 20 }, signal }), [page]);
  return (
    <>
      <PageHeader title="双随机计划">先公布种子承诺（SHA-256），抽取时揭示种子并混入公开随机数，任何人都可复核抽取结果。</PageHeader>
      {error ? <LoadError error={error} /> : (
        <DataTable<Plan>
          rowKey="id" loading={loading} dataSource={data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          exportName="双随机计划"
          exportColumns={[
            { title: '计划', value: (r) => r.title }, { title: '地区', value: (r) => divisionName(r.divisionCode) }, { title: '期间', value: (r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', value: (r) => r.departments.map((d) => label(DEPARTMENT_LABELS, d)).join('、') }, { title: '状态', value: (r) => (r.status === 'drawn' ? '已抽取' : '已公布承诺') },
            { title: '抽中机构数', value: (r) => r.result?.institutions.length ?? '' }, { title: '种子承诺', value: (r) => r.seedCommitment }, { title: '种子', value: (r) => r.seed ?? '' },
          ]}
          columns={[
            { title: '计划', dataIndex: 'title' },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '期间', key: 'period', render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
            { title: '部门', dataIndex: 'departments', render: (v: string[]) => v.map((d) => <Tag key={d}>{label(DEPARTMENT_LABELS, d)}</Tag>) },
            { title: '状态', dataIndex: 'status', render: (v: string) => (v === 'drawn' ? <Tag color="blue">已抽取</Tag> : <Tag>已公布承诺</Tag>) },
            { title: '抽中', key: 'n', render: (_: unknown, r) => r.result?.institutions.length ?? '—' },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} title={open?.title} size="large">
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="种子承诺"><Typography.Text code copyable>{open.seedCommitment}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="种子">{open.seed ? <Typography.Text code copyable>{open.seed}</Typography.Text> : '抽取时揭示'}</Descriptions.Item>
              <Descriptions.Item label="公开随机数">{open.publicEntropy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="抽样池哈希"><Typography.Text code>{open.poolHash}</Typography.Text></Descriptions.Item>
              <Descriptions.Item label="公布时间">{dateTime(open.committedAt)}</Descriptions.Item>
              <Descriptions.Item label="抽取时间">{dateTime(open.drawnAt)}</Descriptions.Item>
            </Descriptions>
            <DataTable
              heading={<strong style={{ display: 'block', marginTop: 16 }}>抽取结果</strong>}
              rowKey="institutionId" pagination={false} dataSource={open.result?.institutions ?? []}
              exportName={`抽取结果-${open.title}`}
              exportColumns={[{ title: '机构', value: (r) => r.name }, { title: '信用等级', value: (r) => r.grade },
                { title: '检查人员', value: (r) => Object.entries(r.inspectors).map(([d, ids]) => `${label(DEPARTMENT_LABELS, d)}：${ids.map((i) => open.names?.inspectors[i] ?? i).join('、')}`).join('；') }]}
              columns={[
                { title: '机构', dataIndex: 'name' }, { title: '信用等级', dataIndex: 'grade' },
                { title: '检查人员', key: 'insp', render: (_: unknown, r) => Object.entries(r.inspectors).map(([d, ids]) => <div key={d}>{label(DEPARTMENT_LABELS, d)}：{ids.map((i) => open.names?.inspectors[i] ?? i).join('、')}</div>) },
              ]}
            />
          </>
        ) : null}
      </Drawer>
    </>
  );
}
