import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import type { FineRule, Finding, Page } from '../api/types';
import { BASIS_LABELS, CIRCUMSTANCE_LABELS, fineText } from '../common/fines';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, label, yuan } from '../common/labels';
import { DataTable, LoadError, PageHeader, showApiError, useLoad } from '../common/ui';

interface PenaltyItem {
  code: string;
  violation: string;
  legalBasis: string;
  kinds: string[];
  fineMinFen?: number | null;
  fineMaxFen?: number | null;
  fine?: FineRule;
  relatedItems: string[];
}
interface ChecklistVersion {
  department: string;
  version: string;
  penaltyItems: PenaltyItem[];
}
/** 行政处罚裁量基准 entry: the share of the lawful range each level allows. */
interface DiscretionEntry {
  code: string;
  title: string;
  penaltyItems: string[];
  bands: { level: string; fromPercent: number; toPercent: number; circumstances: string }[];
  legalBasis: string;
}
interface DiscretionList {
  jurisdiction: string;
  discretionItems: DiscretionEntry[];
}
interface Penalty {
  id: string;
  findingId: string;
  institutionName: string;
  department: string;
  penaltyItemCode: string;
  violation: string;
  legalBasis: string;
  kinds: string[];
  fineFen: number | null;
  discretion: { level: string } | null;
  decisionNo: string;
  reason: string;
  issuedOn: string;
}

/** 行政处罚的种类（《中华人民共和国行政处罚法》第九条）. */
export const PENALTY_KIND_LABELS: Record<string, string> = {
  warning: '警告',
  criticism: '通报批评',
  fine: '罚款',
  confiscation: '没收违法所得',
  suspension: '责令停产停业（停止招生）',
  revocation: '吊销许可证件',
};

export const DISCRETION_LEVEL_LABELS: Record<string, string> = { lenient: '从轻', ordinary: '一般', severe: '从重' };

const PENALISING = ['fire', 'market', 'health', 'police', 'education', 'hrss', 'civil'];

/**
 * The benchmark entry for an item: the one naming it, else the general one; of the lists that
 * apply in the division the most local first (the service applies the same order and decides).
 */
function discretionEntryFor(lists: DiscretionList[], code: string): DiscretionEntry | undefined {
  const entries = [...lists].sort((a, b) => b.jurisdiction.length - a.jurisdiction.length).flatMap((l) => l.discretionItems);
  return entries.find((e) => e.penaltyItems.includes(code)) ?? entries.find((e) => e.penaltyItems.length === 0);
}

interface PenaltyForm {
  findingId?: string;
  penaltyItemCode?: string;
  kinds?: string[];
  fineYuan?: number | null;
  basisYuan?: number | null;
  circumstances?: string[];
  discretionLevel?: string;
  decisionNo?: string;
  reason?: string;
}

/** 行政处罚: decisions tied to a finding, within the penalty list's kinds and legal fine range. */
export function PenaltiesPage() {
  const session = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PenaltyForm>();
  const department = session?.department ?? '';
  const canPenalise = PENALISING.includes(department);
  const penalties = useLoad((signal) => api<Penalty[]>('/api/v1/penalties', { signal }), []);
  const findings = useLoad(
    (signal) =>
      canPenalise && creating ? api<Page<Finding>>('/api/v1/rectifications', { query: { department, pageSize: 200 }, signal }) : Promise.resolve(null),
    [creating, department],
  );
  const lists = useLoad(
    (signal) =>
      canPenalise && creating ? api<ChecklistVersion[]>('/api/v1/checklists', { query: { kind: 'penalty', department }, signal }) : Promise.resolve(null),
    [creating, department],
  );
  const findingId = Form.useWatch('findingId', form);
  const findingDivision = findings.data?.items.find((f) => f.id === findingId)?.divisionCode;
  const benchmarks = useLoad(
    (signal) =>
      canPenalise && creating && findingDivision
        ? api<DiscretionList[]>('/api/v1/checklists', { query: { kind: 'discretion', department, divisionCode: findingDivision }, signal })
        : Promise.resolve(null),
    [creating, department, findingDivision],
  );
  const itemCode = Form.useWatch('penaltyItemCode', form);
  const kinds = Form.useWatch('kinds', form) ?? [];
  const finding = findings.data?.items.find((f) => f.id === findingId);
  const allItems = useMemo(() => (lists.data ?? []).flatMap((l) => l.penaltyItems), [lists.data]);
  // The items that cover the finding's inspection item come first; the service checks the rest.
  const items = finding
    ? [...allItems.filter((i) => i.relatedItems.includes(finding.itemCode)), ...allItems.filter((i) => !i.relatedItems.includes(finding.itemCode))]
    : allItems;
  const item = allItems.find((i) => i.code === itemCode);
  const discretion = item ? discretionEntryFor(benchmarks.data ?? [], item.code) : undefined;

  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api('/api/v1/penalties', {
        method: 'POST',
        body: {
          findingId: v.findingId,
          penaltyItemCode: v.penaltyItemCode,
          kinds: v.kinds,
          decisionNo: v.decisionNo,
          reason: v.reason,
          fineFen: v.kinds?.includes('fine') && v.fineYuan !== null && v.fineYuan !== undefined ? Math.round(v.fineYuan * 100) : undefined,
          basisAmountFen: v.basisYuan !== null && v.basisYuan !== undefined ? Math.round(v.basisYuan * 100) : undefined,
          circumstances: v.circumstances?.length ? v.circumstances : undefined,
          discretionLevel: v.kinds?.includes('fine') && discretion ? v.discretionLevel : undefined,
        },
      });
      void message.success('处罚决定已记录');
      setCreating(false);
      form.resetFields();
      penalties.reload();
    } catch (e) {
      void message.error(showApiError(form, e, { fineFen: 'fineYuan', basisAmountFen: 'basisYuan' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title="行政处罚"
        extra={
          canPenalise ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              作出处罚决定
            </Button>
          ) : null
        }
      >
        处罚须对应检查发现的问题和本部门处罚事项清单中的事项；罚款金额须在法定幅度内（以分计，页面按元填写）。
      </PageHeader>
      {penalties.error ? (
        <LoadError error={penalties.error} />
      ) : (
        <DataTable<Penalty>
          rowKey="id"
          loading={penalties.loading}
          dataSource={penalties.data ?? []}
          pagination={{ pageSize: 20 }}
          exportName="行政处罚决定"
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName },
            { title: '部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
            { title: '处罚事项', value: (r) => r.penaltyItemCode },
            { title: '违法行为', value: (r) => r.violation },
            { title: '处罚种类', value: (r) => r.kinds.map((k) => label(PENALTY_KIND_LABELS, k)).join('、') },
            { title: '罚款（元）', value: (r) => (r.fineFen === null ? '' : r.fineFen / 100) },
            { title: '裁量', value: (r) => (r.discretion ? label(DISCRETION_LEVEL_LABELS, r.discretion.level) : '') },
            { title: '决定书文号', value: (r) => r.decisionNo },
            { title: '决定日期', value: (r) => r.issuedOn },
            { title: '依据', value: (r) => r.legalBasis },
          ]}
          columns={[
            { title: '机构', dataIndex: 'institutionName' },
            { title: '部门', dataIndex: 'department', render: (v: string) => label(DEPARTMENT_LABELS, v) },
            {
              title: '处罚事项',
              dataIndex: 'violation',
              width: 300,
              render: (v: string, r) => (
                <>
                  <Tag>{r.penaltyItemCode}</Tag>
                  {v}
                </>
              ),
            },
            { title: '处罚种类', dataIndex: 'kinds', render: (v: string[]) => v.map((k) => <Tag key={k}>{label(PENALTY_KIND_LABELS, k)}</Tag>) },
            { title: '罚款', dataIndex: 'fineFen', align: 'right', render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            { title: '裁量', dataIndex: 'discretion', render: (d: Penalty['discretion']) => (d ? label(DISCRETION_LEVEL_LABELS, d.level) : '—') },
            { title: '决定书文号', dataIndex: 'decisionNo' },
            { title: '决定日期', dataIndex: 'issuedOn' },
          ]}
        />
      )}
      <Modal
        open={creating}
        title="作出处罚决定"
        okText="记录处罚决定"
        cancelText="取消"
        width={640}
        confirmLoading={busy}
        onCancel={() => setCreating(false)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kinds: [] }}>
          <Form.Item label="检查发现的问题" name="findingId" rules={[{ required: true, message: '请选择检查发现的问题' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={findings.loading}
              placeholder="选择本部门检查发现的问题"
              options={(findings.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.institutionName} · ${f.itemCode} ${f.itemText}` }))}
            />
          </Form.Item>
          <Form.Item
            label="处罚事项"
            name="penaltyItemCode"
            rules={[{ required: true, message: '请选择处罚事项' }]}
            extra={item ? `依据：${item.legalBasis}` : finding ? `适用于 ${finding.itemCode} 的事项排在前面` : undefined}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={lists.loading}
              placeholder="本部门行政处罚事项清单"
              onChange={() => form.setFieldsValue({ kinds: [], fineYuan: null, basisYuan: null, circumstances: [], discretionLevel: undefined })}
              options={items.map((i) => ({
                value: i.code,
                label: `${i.code} ${i.violation}${finding && i.relatedItems.includes(finding.itemCode) ? '' : '（不对应此问题）'}`,
              }))}
            />
          </Form.Item>
          <Form.Item label="处罚种类" name="kinds" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种处罚' }]}>
            <Checkbox.Group options={(item?.kinds ?? Object.keys(PENALTY_KIND_LABELS)).map((k) => ({ value: k, label: label(PENALTY_KIND_LABELS, k) }))} />
          </Form.Item>
          {kinds.includes('fine') ? (
            <Form.Item
              label="罚款金额（元）"
              name="fineYuan"
              rules={[{ required: true, message: '选择罚款时必须填写金额' }]}
              extra={item ? `法定幅度：${fineText(item)}` : undefined}
            >
              <InputNumber min={0} precision={2} style={{ width: 200 }} aria-label="罚款金额（元）" />
            </Form.Item>
          ) : null}
          {kinds.includes('fine') && item?.fine && item.fine.basis !== 'none' ? (
            <Form.Item
              label={`认定的${BASIS_LABELS[item.fine.basis]}（元）`}
              name="basisYuan"
              rules={[{ required: true, message: `罚款按${BASIS_LABELS[item.fine.basis]}计算，请填写` }]}
            >
              <InputNumber min={0} precision={2} style={{ width: 200 }} aria-label={`${BASIS_LABELS[item.fine.basis]}（元）`} />
            </Form.Item>
          ) : null}
          {item?.fine?.tiers.some((t) => t.circumstance) ? (
            <Form.Item label="认定的情形" name="circumstances" extra="法律对拒不改正、情节严重规定了不同的处罚幅度">
              <Checkbox.Group
                options={[...new Set(item.fine.tiers.flatMap((t) => (t.circumstance ? [t.circumstance] : [])))].map((c) => ({
                  value: c,
                  label: label(CIRCUMSTANCE_LABELS, c),
                }))}
              />
            </Form.Item>
          ) : null}
          {kinds.includes('fine') && discretion ? (
            <Form.Item
              label="裁量档次"
              name="discretionLevel"
              rules={[{ required: true, message: '适用裁量基准，请选择从轻、一般或从重' }]}
              extra={`${discretion.title}（${discretion.legalBasis}）`}
            >
              <Select
                aria-label="裁量档次"
                options={discretion.bands.map((b) => ({
                  value: b.level,
                  label: `${label(DISCRETION_LEVEL_LABELS, b.level)}：法定幅度的 ${b.fromPercent}%–${b.toPercent}% 部分 · ${b.circumstances}`,
                }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item label="处罚决定书文号" name="decisionNo" rules={[{ required: true, min: 2, message: '请填写决定书文号' }]}>
            <Input maxLength={100} placeholder="如 西消行罚决字〔2026〕0012号" />
          </Form.Item>
          <Form.Item label="处罚理由" name="reason" rules={[{ required: true, min: 2, message: '请填写处罚理由' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
          处罚决定记入机构的信用记录（信用监管）。
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
