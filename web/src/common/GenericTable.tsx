import type { ColumnsType } from 'antd/es/table';
import { DataTable } from './ui';

/** Field names the API uses, in Chinese. Unknown fields keep their name. */
const FIELD_LABELS: Record<string, string> = {
  institutionName: '机构',
  name: '名称',
  grade: '等级',
  score: '分值',
  status: '状态',
  month: '月份',
  divisionCode: '地区代码',
  amountFen: '金额（分）',
  totalFen: '合计（分）',
  children: '人数',
  childMonths: '人月',
  policyVersion: '政策版本',
  createdAt: '创建时间',
  approvedAt: '批准时间',
  reason: '原因',
  list: '名单',
  since: '起始',
  department: '部门',
  count: '数量',
  kind: '类型',
  title: '标题',
  period: '期间',
};

type Row = Record<string, unknown>;

const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * A table of records whose shape this build does not know in detail (a service that landed
 * after it): every scalar field becomes a column, and the export carries the same.
 */
export function GenericTable({ rows, exportName, loading }: { rows: Row[]; exportName: string; loading?: boolean }) {
  const keys = [...new Set(rows.slice(0, 20).flatMap((r) => Object.keys(r).filter((k) => isPrimitive(r[k]) && !/^(id|.*Id)$/.test(k))))];
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));
  const columns: ColumnsType<Row> = keys.map((k) => ({ title: FIELD_LABELS[k] ?? k, dataIndex: k, render: (v: unknown) => text(v) || '—' }));
  return (
    <DataTable<Row>
      rowKey={(r) => String(r.id ?? JSON.stringify(r))}
      loading={loading}
      dataSource={rows}
      columns={columns}
      pagination={{ pageSize: 20 }}
      exportName={exportName}
      exportColumns={keys.map((k) => ({ title: FIELD_LABELS[k] ?? k, value: (r: Row) => text(r[k]) }))}
    />
  );
}

/** Items of a page `{items}` or a plain array. */
export const itemsOf = (data: unknown): Row[] =>
  Array.isArray(data) ? (data as Row[]) : Array.isArray((data as { items?: unknown })?.items) ? (data as { items: Row[] }).items : [];
