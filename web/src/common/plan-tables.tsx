import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Page, Plan, PlanDrawEntry, PlanPoolEntry, PlanSummary } from '../api/types';
import { DEPARTMENT_LABELS, label } from './labels';
import { DataTable, LoadError, useLoad } from './ui';

const PAGE_SIZE = 50;
const GRADES = ['A', 'B', 'C', 'D'] as const;

/** 「120 家（A 6 / B 60 / C 40 / D 14；其中未备案 20）」 */
export function gradeCounts(counts: PlanSummary['pool'] | null | undefined): string {
  if (!counts) return '—';
  const unfiled = counts.unfiled === undefined ? '' : `；其中未备案 ${counts.unfiled}`;
  return `${counts.institutions} 家（${GRADES.map((g) => `${g} ${counts.byGrade[g] ?? 0}`).join(' / ')}${unfiled}）`;
}

const byDepartment = (lists: Record<string, string[]>, names: Record<string, string>) =>
  Object.entries(lists).map(([d, ids]) => `${label(DEPARTMENT_LABELS, d)}：${ids.map((i) => names[i] ?? i).join('、')}`);

/**
 * The drawn institutions of a plan, a page at a time from `…/inspection-plans/:id/draws`
 * (`base`: '/api/v1' or '/api/v1/public'); a province's draw is tens of thousands of rows.
 */
export function PlanDrawsTable({
  plan,
  base,
  extraColumns = [],
  reloadKey = 0,
}: {
  plan: Plan;
  base: string;
  extraColumns?: TableColumnsType<PlanDrawEntry>;
  reloadKey?: number;
}) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) => api<Page<PlanDrawEntry>>(`${base}/inspection-plans/${plan.id}/draws`, { query: { page, pageSize: PAGE_SIZE }, signal }),
    [plan.id, base, page, reloadKey],
  );
  const names = plan.names.inspectors;
  if (error) return <LoadError error={error} />;
  return (
    <DataTable<PlanDrawEntry>
      heading={<strong style={{ display: 'block', marginTop: 16 }}>抽取结果：{gradeCounts(plan.result)}</strong>}
      rowKey="institutionId"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      exportName={`抽取结果-${plan.title}-第${page}页`}
      exportColumns={[
        { title: '机构', value: (r) => r.name },
        { title: '信用等级', value: (r) => r.grade },
        { title: '检查人员', value: (r) => byDepartment(r.inspectors, names).join('；') },
      ]}
      columns={[
        { title: '机构', dataIndex: 'name' },
        { title: '信用等级', dataIndex: 'grade' },
        { title: '检查人员', key: 'insp', render: (_: unknown, r) => byDepartment(r.inspectors, names).map((line) => <div key={line}>{line}</div>) },
        ...extraColumns,
      ]}
    />
  );
}

/** The plan's pool (抽样池) in pool order, a page at a time from `…/inspection-plans/:id/pool`. */
export function PlanPoolTable({ plan, base }: { plan: Plan; base: string }) {
  const [page, setPage] = useState(1);
  const { data, error, loading } = useLoad(
    (signal) => api<Page<PlanPoolEntry>>(`${base}/inspection-plans/${plan.id}/pool`, { query: { page, pageSize: PAGE_SIZE }, signal }),
    [plan.id, base, page],
  );
  const names = plan.names.inspectors;
  if (error) return <LoadError error={error} />;
  return (
    <DataTable<PlanPoolEntry>
      heading={<strong style={{ display: 'block', marginTop: 16 }}>抽样池：{gradeCounts(plan.pool)}</strong>}
      rowKey="institutionId"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      exportName={`抽样池-${plan.title}-第${page}页`}
      exportColumns={[
        { title: '机构', value: (r) => r.name },
        { title: '信用等级', value: (r) => r.grade },
        { title: '备案', value: (r) => (r.filed === false ? '未备案' : '已备案') },
        { title: '回避人员', value: (r) => byDepartment(r.conflicts, names).join('；') },
        { title: '上次检查人员', value: (r) => byDepartment(r.lastTime, names).join('；') },
      ]}
      columns={[
        { title: '机构', dataIndex: 'name' },
        { title: '信用等级', dataIndex: 'grade' },
        { title: '备案', dataIndex: 'filed', render: (v: boolean | undefined) => (v === false ? '未备案（单独抽取）' : '已备案') },
        { title: '回避人员', key: 'conflicts', render: (_: unknown, r) => byDepartment(r.conflicts, names).map((line) => <div key={line}>{line}</div>) },
        { title: '上次检查人员', key: 'last', render: (_: unknown, r) => byDepartment(r.lastTime, names).map((line) => <div key={line}>{line}</div>) },
      ]}
    />
  );
}
