import { Segmented } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Finding, Page } from '../api/types';
import { LoadError, PageHeader, useLoad } from '../common/ui';
import { FindingsTable } from './InspectionsPage';

export function RectificationsPage() {
  const [status, setStatus] = useState('open');
  const { data, error, loading } = useLoad((signal) => api<Page<Finding>>('/api/v1/rectifications', { query: { status, pageSize: 200 }, signal }), [status]);
  return (
    <>
      <PageHeader title="整改跟踪">检查发现的问题、整改期限（按工作日）与整改情况；逾期未整改的问题单独列出。</PageHeader>
      <Segmented style={{ marginBottom: 12 }} value={status} onChange={(v) => setStatus(v as string)}
        options={[{ value: 'open', label: '待整改' }, { value: 'overdue', label: '已逾期' }, { value: 'reported', label: '已报告整改' }, { value: 'corrected', label: '已整改' }, { value: 'not_corrected', label: '未整改' }]} />
      {error ? <LoadError error={error} /> : <FindingsTable findings={data?.items ?? []} loading={loading} name={`整改跟踪-${status}`} />}
    </>
  );
}
