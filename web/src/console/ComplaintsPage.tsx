import { App, Button, Form, Input, Modal, Radio, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { Page } from '../api/types';
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_STATUS_LABELS, DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { DataTable, LoadError, PageHeader, showApiError, useLoad } from '../common/ui';

interface Complaint {
  id: string;
  institutionName: string;
  category: string;
  description: string;
  department: string;
  status: string;
  receivedAt: string;
  contact: { name: string | null; phone: string | null } | null;
  outcome: { substantiated: boolean; summary: string; closedOn: string } | null;
}

export function ComplaintsPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState('received');
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<Complaint>>('/api/v1/complaints', { query: { status, pageSize: 200 }, signal }),
    [status],
  );
  const triage = (c: Complaint, decision: 'accept' | 'reject') => {
    let reason = '';
    Modal.confirm({
      title: decision === 'accept' ? '受理投诉' : '不予受理',
      okText: '确定',
      cancelText: '取消',
      content: (
        <Input.TextArea
          aria-label="理由"
          rows={3}
          placeholder="理由（必填）"
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      onOk: async () => {
        try {
          await api(`/api/v1/complaints/${c.id}/triage`, { method: 'POST', body: { decision, reason } });
          void message.success('已处理');
          reload();
        } catch (e) {
          void message.error(errorMessage(e));
          throw e;
        }
      },
    });
  };
  const [closing, setClosing] = useState<Complaint | null>(null);
  const [outcomeForm] = Form.useForm<{ substantiated: boolean; summary: string }>();
  /** 办理结果: substantiated or not, with what was found and done (published without the complainant). */
  async function recordOutcome() {
    const v = await outcomeForm.validateFields();
    try {
      await api(`/api/v1/complaints/${closing!.id}/outcome`, { method: 'POST', body: { substantiated: v.substantiated, summary: v.summary } });
      void message.success('已办结');
      setClosing(null);
      reload();
    } catch (e) {
      void message.error(showApiError(outcomeForm, e));
    }
  }
  return (
    <>
      <Modal
        open={!!closing}
        title={closing ? `办理结果：${closing.institutionName}` : ''}
        okText="办结"
        cancelText="取消"
        onCancel={() => setClosing(null)}
        onOk={() => void recordOutcome()}
        destroyOnHidden
      >
        <Form form={outcomeForm} layout="vertical" initialValues={{ substantiated: true }}>
          <Form.Item label="核查结论" name="substantiated" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: true, label: '属实' },
                { value: false, label: '不属实' },
              ]}
            />
          </Form.Item>
          <Form.Item
            label="办理情况"
            name="summary"
            rules={[{ required: true, min: 4, message: '请填写办理情况（至少 4 个字）' }]}
            extra="公开时不含投诉人信息。"
          >
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
      <PageHeader title="投诉举报">按类别分派到承办部门；投诉人联系方式仅显示脱敏信息。</PageHeader>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as string)}
        options={Object.entries(COMPLAINT_STATUS_LABELS).map(([value, l]) => ({ value, label: l }))}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<Complaint>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          exportName={`投诉举报-${label(COMPLAINT_STATUS_LABELS, status)}`}
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName },
            { title: '类别', value: (r) => label(COMPLAINT_CATEGORY_LABELS, r.category) },
            { title: '内容', value: (r) => r.description },
            { title: '承办部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
            { title: '接收时间', value: (r) => dateTime(r.receivedAt) },
            { title: '状态', value: (r) => label(COMPLAINT_STATUS_LABELS, r.status) },
            { title: '结果', value: (r) => r.outcome?.summary ?? '' },
          ]}
          columns={[
            { title: '机构', dataIndex: 'institutionName' },
            { title: '类别', dataIndex: 'category', render: (v: string) => <Tag>{label(COMPLAINT_CATEGORY_LABELS, v)}</Tag> },
            { title: '内容', dataIndex: 'description', width: 320 },
            { title: '承办部门', dataIndex: 'department', render: (v: string) => label(DEPARTMENT_LABELS, v) },
            { title: '接收时间', dataIndex: 'receivedAt', render: (v: string) => dateTime(v) },
            {
              title: '操作',
              key: 'op',
              render: (_: unknown, r) =>
                r.status === 'received' ? (
                  <Space>
                    <Button size="small" onClick={() => triage(r, 'accept')}>
                      受理
                    </Button>
                    <Button size="small" danger onClick={() => triage(r, 'reject')}>
                      不予受理
                    </Button>
                  </Space>
                ) : r.status === 'accepted' ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      outcomeForm.resetFields();
                      setClosing(r);
                    }}
                  >
                    办理结果
                  </Button>
                ) : r.status === 'closed' && r.outcome ? (
                  `${r.outcome.substantiated ? '属实' : '不属实'}：${r.outcome.summary}`
                ) : (
                  label(COMPLAINT_STATUS_LABELS, r.status)
                ),
            },
          ]}
        />
      )}
    </>
  );
}
