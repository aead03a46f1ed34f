import { App, Input, Modal, Radio, Segmented } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Finding, Page } from '../api/types';
import { useSession } from '../auth/session';
import { LoadError, PageHeader, useLoad } from '../common/ui';
import { FindingsTable } from './InspectionsPage';

export function RectificationsPage() {
  const session = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState('open');
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<Finding>>('/api/v1/rectifications', { query: { status, pageSize: 200 }, signal }),
    [status],
  );

  /** The finding's department closes it on documents (书面核查): corrected or not. */
  const verify = (f: Finding) => {
    let outcome: 'corrected' | 'not_corrected' = 'corrected';
    let note = '';
    Modal.confirm({
      title: `书面核查：${f.itemText}`,
      okText: '提交',
      cancelText: '取消',
      width: 520,
      content: (
        <>
          <Radio.Group
            defaultValue="corrected"
            onChange={(e) => {
              outcome = e.target.value as typeof outcome;
            }}
            options={[
              { value: 'corrected', label: '已整改' },
              { value: 'not_corrected', label: '未整改' },
            ]}
            style={{ marginBottom: 8 }}
          />
          <Input.TextArea
            aria-label="核查意见"
            rows={3}
            placeholder="核查意见（必填）"
            onChange={(e) => {
              note = e.target.value;
            }}
          />
        </>
      ),
      onOk: async () => {
        try {
          await api(`/api/v1/rectifications/${f.id}/verify`, { method: 'POST', body: { outcome, note } });
          void message.success('已记录核查结果');
          reload();
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };

  return (
    <>
      <PageHeader title="整改跟踪">检查发现的问题、整改期限（按工作日）与整改情况；逾期未整改的问题单独列出。</PageHeader>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as string)}
        options={[
          { value: 'open', label: '待整改' },
          { value: 'overdue', label: '已逾期' },
          { value: 'reported', label: '已报告整改' },
          { value: 'corrected', label: '已整改' },
          { value: 'not_corrected', label: '未整改' },
        ]}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <FindingsTable
          findings={data?.items ?? []}
          loading={loading}
          name={`整改跟踪-${status}`}
          onVerify={
            session && session.department !== 'operator'
              ? (f) => (f.department === session.department ? verify(f) : void message.info('只能由发现问题的部门核查'))
              : undefined
          }
        />
      )}
    </>
  );
}
