import { Segmented, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

/** 备案后核查 as GET /api/v1/post-filing-checks answers it. */
interface PostFilingCheck {
  institutionId: string;
  institutionName: string | null;
  divisionCode: string;
  filedOn: string;
  dueOn: string;
  status: 'due' | 'overdue' | 'done';
  inspectionId: string | null;
  visitedOn: string | null;
  policyVersion: string;
  source: string;
}

const STATUS: Record<PostFilingCheck['status'], { text: string; color: string }> = {
  due: { text: '待核查', color: 'blue' },
  overdue: { text: '已逾期', color: 'red' },
  done: { text: '已核查', color: 'green' },
};

/** 备案后核查: every filed institution's first on-site visit, due within the period the supervision policy sets. */
export function PostFilingChecksPage() {
  const [status, setStatus] = useState<PostFilingCheck['status']>('due');
  const { data, error, loading } = useLoad(
    (signal) => api<Page<PostFilingCheck>>('/api/v1/post-filing-checks', { query: { status, pageSize: 200 }, signal }),
    [status],
  );
  return (
    <>
      <PageHeader title="备案后核查">
        备案通过后，须在监管政策规定的期限内对机构进行首次现场核查（核实备案内容与实际运营一致）；期限内首次完成的联合检查即为核查。
      </PageHeader>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as PostFilingCheck['status'])}
        options={(['due', 'overdue', 'done'] as const).map((s) => ({ value: s, label: STATUS[s].text }))}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<PostFilingCheck>
          rowKey="institutionId"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          exportName={`备案后核查-${STATUS[status].text}`}
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName ?? r.institutionId },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '备案日期', value: (r) => r.filedOn },
            { title: '核查期限', value: (r) => r.dueOn },
            { title: '状态', value: (r) => STATUS[r.status].text },
            { title: '核查日期', value: (r) => r.visitedOn ?? '' },
            { title: '依据', value: (r) => `${r.source}（${r.policyVersion}）` },
          ]}
          columns={[
            { title: '机构', dataIndex: 'institutionName', render: (v: string | null, r) => v ?? r.institutionId },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '备案日期', dataIndex: 'filedOn' },
            {
              title: '核查期限',
              dataIndex: 'dueOn',
              render: (v: string, r) => (
                <Tooltip title={`${r.source}（${r.policyVersion}）`}>
                  <span>{v}</span>
                </Tooltip>
              ),
            },
            { title: '状态', dataIndex: 'status', render: (v: PostFilingCheck['status']) => <Tag color={STATUS[v].color}>{STATUS[v].text}</Tag> },
            {
              title: '核查',
              dataIndex: 'inspectionId',
              render: (v: string | null, r) => (v ? <Link to={`/app/inspections/${v}`}>{r.visitedOn} 检查</Link> : '—'),
            },
          ]}
        />
      )}
    </>
  );
}
