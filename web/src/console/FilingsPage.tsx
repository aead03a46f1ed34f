import { Segmented, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Filing, Page } from '../api/types';
import { FILING_STATUS_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

type View = 'submitted' | 'overdue' | 'approved' | 'rejected';

export function FilingsPage() {
  const [view, setView] = useState<View>('submitted');
  const [page, setPage] = useState(1);
  const query = view === 'overdue' ? { overdue: 'true' } : { status: view };
  const { data, error, loading } = useLoad((signal) => api<Page<Filing>>('/api/v1/filings', { query: { ...query, page, pageSize: 20 }, signal }), [view, page]);
  return (
    <>
      <PageHeader title="备案审核">
        自动核验按设置标准逐条给出结果（符合 / 不符合 / 需人工核实），审核人员决定。期限按工作日计算：5 个工作日内出具回执；核验发现不符合的，15
        个工作日内告知。
      </PageHeader>
      <Segmented<View>
        style={{ marginBottom: 12 }}
        value={view}
        onChange={(v) => {
          setView(v);
          setPage(1);
        }}
        options={[
          { value: 'submitted', label: '待审核' },
          { value: 'overdue', label: '已逾期' },
          { value: 'approved', label: '已通过' },
          { value: 'rejected', label: '未通过' },
        ]}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<Filing>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          heading={data ? `共 ${data.total} 件` : null}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          exportName={`备案申请-${label({ submitted: '待审核', overdue: '已逾期', approved: '已通过', rejected: '未通过' }, view)}`}
          exportColumns={[
            { title: '机构名称', value: (r) => r.institutionName },
            { title: '所在地区', value: (r) => divisionName(r.divisionCode) },
            { title: '提交时间', value: (r) => dateTime(r.submittedAt) },
            { title: '办理期限', value: (r) => r.dueBy },
            { title: '是否逾期', value: (r) => (r.overdue ? '逾期' : '') },
            { title: '符合', value: (r) => r.check.summary.pass },
            { title: '不符合', value: (r) => r.check.summary.fail },
            { title: '需人工核实', value: (r) => r.check.summary.needs_review },
            { title: '状态', value: (r) => label(FILING_STATUS_LABELS, r.status) },
            { title: '回执编号', value: (r) => r.receiptNo ?? '' },
          ]}
          columns={[
            { title: '机构名称', dataIndex: 'institutionName', render: (v: string, r) => <Link to={`/app/filings/${r.id}`}>{v}</Link> },
            { title: '所在地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => dateTime(v) },
            {
              title: '办理期限',
              dataIndex: 'dueBy',
              render: (v: string, r) => (
                <Space>
                  <Tooltip title={`回执期限 ${r.receiptDueBy}；告知期限 ${r.noticeDueBy}`}>
                    <span>{v}</span>
                  </Tooltip>
                  {r.overdue ? <Tag color="red">逾期</Tag> : null}
                </Space>
              ),
            },
            {
              title: '自动核验',
              key: 'check',
              render: (_: unknown, r) => (
                <Space size={4}>
                  <Tag color="green">符合 {r.check.summary.pass}</Tag>
                  <Tag color={r.check.summary.fail ? 'red' : undefined}>不符合 {r.check.summary.fail}</Tag>
                  <Tag color={r.check.summary.needs_review ? 'orange' : undefined}>需核实 {r.check.summary.needs_review}</Tag>
                </Space>
              ),
            },
            { title: '状态', dataIndex: 'status', render: (v: string) => label(FILING_STATUS_LABELS, v) },
            { title: '回执编号', dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
          ]}
        />
      )}
    </>
  );
}
