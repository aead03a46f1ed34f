import { App, Button, Form, Input, Modal, Radio, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, showApiError, useLoad } from '../common/ui';

interface RepairRequest {
  id: string;
  institutionId: string;
  divisionCode: string;
  entryIds: string[];
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: { department: string; userId: string };
  requestedAt: string;
  decision: { decision: 'approve' | 'reject'; reason: string; decidedBy: { department: string; userId: string }; decidedAt: string; decidedOn: string } | null;
}

const STATUS: Record<string, string> = { pending: '待决定', approved: '已批准', rejected: '不予修复' };

/**
 * 信用修复 (国家发展改革委令 2023 年第 58 号): the operator, or the health bureau on its behalf, names the negative
 * entries that were corrected and why; the district health bureau decides with a reason.
 */
export function RequestRepairButton({ institutionId, entryIds, onDone }: { institutionId: string; entryIds: string[]; onDone: () => void }) {
  const session = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!['operator', 'health'].includes(session?.department ?? '')) return null;

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api(`/api/v1/credit/institutions/${institutionId}/repair-requests`, { method: 'POST', body: { entryIds, reason: v.reason } });
      void message.success('信用修复申请已提交，待卫生健康部门决定');
      setOpen(false);
      onDone();
    } catch (e) {
      void message.error(showApiError(form, e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        disabled={!entryIds.length}
        onClick={() => {
          form.resetFields();
          setOpen(true);
        }}
      >
        申请信用修复（已选 {entryIds.length} 条）
      </Button>
      <Modal
        open={open}
        title="申请信用修复"
        okText="提交申请"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="整改情况与信用承诺" name="reason" rules={[{ required: true, min: 4, message: '请写明整改情况（至少 4 个字）' }]}>
            <Input.TextArea rows={4} maxLength={2000} placeholder="如：已辞退涉事人员并完成全员培训，整改报告见附件" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 信用修复申请 in the caller's scope; the health bureau decides pending ones. */
export function RepairRequests({ onOpen }: { onOpen: (institutionId: string) => void }) {
  const session = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected'>('pending');
  const [deciding, setDeciding] = useState<RepairRequest | null>(null);
  const [form] = Form.useForm<{ decision: 'approve' | 'reject'; reason: string }>();
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<RepairRequest>>('/api/v1/credit/repair-requests', { query: { status, pageSize: 200 }, signal }),
    [status],
  );
  const canDecide = session?.department === 'health';

  async function decide() {
    const v = await form.validateFields();
    try {
      await api(`/api/v1/credit/repair-requests/${deciding!.id}/decision`, { method: 'POST', body: v });
      void message.success(v.decision === 'approve' ? '已批准信用修复，等级按模型重算' : '已决定不予修复');
      setDeciding(null);
      reload();
    } catch (e) {
      void message.error(showApiError(form, e));
    }
  }

  return (
    <>
      <Segmented
        style={{ marginBottom: 12, marginLeft: 12 }}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={Object.entries(STATUS).map(([value, l]) => ({ value, label: l }))}
      />
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<RepairRequest>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          exportName={`信用修复申请-${label(STATUS, status)}`}
          exportColumns={[
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '机构', value: (r) => r.institutionId },
            { title: '修复记录数', value: (r) => r.entryIds.length },
            { title: '理由', value: (r) => r.reason },
            { title: '申请部门', value: (r) => label(DEPARTMENT_LABELS, r.requestedBy.department) },
            { title: '申请时间', value: (r) => dateTime(r.requestedAt) },
            { title: '状态', value: (r) => label(STATUS, r.status) },
            { title: '决定理由', value: (r) => r.decision?.reason ?? '' },
          ]}
          columns={[
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            {
              title: '机构',
              dataIndex: 'institutionId',
              render: (v: string) => (
                <Button type="link" size="small" onClick={() => onOpen(v)}>
                  查看信用
                </Button>
              ),
            },
            { title: '修复记录', dataIndex: 'entryIds', render: (v: string[]) => `${v.length} 条` },
            { title: '理由', dataIndex: 'reason', width: 300 },
            { title: '申请', key: 'by', render: (_: unknown, r) => `${label(DEPARTMENT_LABELS, r.requestedBy.department)} ${dateTime(r.requestedAt)}` },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string, r) =>
                v === 'pending' && canDecide ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      form.resetFields();
                      setDeciding(r);
                    }}
                  >
                    决定
                  </Button>
                ) : (
                  <Space size={4}>
                    <Tag color={v === 'approved' ? 'green' : v === 'rejected' ? 'red' : undefined}>{label(STATUS, v)}</Tag>
                    {r.decision?.reason ?? ''}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={!!deciding}
        title="信用修复决定"
        okText="确定"
        cancelText="取消"
        onCancel={() => setDeciding(null)}
        onOk={() => void decide()}
        destroyOnHidden
      >
        <p>{deciding?.reason}</p>
        <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }}>
          <Form.Item label="决定" name="decision" rules={[{ required: true }]}>
            <Radio.Group
              options={[
                { value: 'approve', label: '批准修复（所选记录自今日起不再扣分）' },
                { value: 'reject', label: '不予修复' },
              ]}
            />
          </Form.Item>
          <Form.Item label="理由" name="reason" rules={[{ required: true, min: 4, message: '请写明理由（至少 4 个字）' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
