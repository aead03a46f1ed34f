import { CARE_FORM_LABELS, label, yuan } from '../common/labels';
import { DataTable } from '../common/ui';

export interface RunLine {
  id: string;
  kind: string;
  period: string;
  institutionName: string;
  divisionCode: string;
  childKey: string | null;
  /** The child's row on the institution's roster: what the operator and the reviewer both see. */
  rosterLineNo: number | null;
  ruleTitle: string;
  reasonCode: string | null;
  inputs: { careForm?: string; daysAttended?: number; openDays?: number; birthOrder?: number };
  status: string;
  baseFen: number;
  amountFen: number;
  capped: boolean;
  explanation: string;
  policyVersion: string;
}

const LINE_STATUS: Record<string, string> = { payable: '应发', ineligible: '不符合条件', held: '暂缓' };

/** 20/22 天: the days the child attended of the days the institution was open, where the line depends on them. */
function attendance(line: RunLine): string {
  const { daysAttended, openDays } = line.inputs;
  return daysAttended !== undefined && openDays !== undefined ? `${daysAttended}/${openDays} 天` : '';
}

/** 补助明细 as departments and operators read it: each child by roster row, care form and attendance, the rule, the amount and why. */
export function RunLinesTable({ lines, loading, exportName }: { lines: RunLine[]; loading: boolean; exportName: string }) {
  return (
    <DataTable<RunLine>
      rowKey="id"
      loading={loading}
      dataSource={lines}
      pagination={{ pageSize: 20 }}
      exportName={exportName}
      exportColumns={[
        { title: '机构', value: (r) => r.institutionName },
        { title: '期间', value: (r) => r.period },
        { title: '名册序号', value: (r) => r.rosterLineNo ?? '' },
        { title: '托育形式', value: (r) => (r.inputs.careForm ? label(CARE_FORM_LABELS, r.inputs.careForm) : '') },
        { title: '出勤', value: (r) => attendance(r) },
        { title: '规则', value: (r) => r.ruleTitle },
        { title: '状态', value: (r) => label(LINE_STATUS, r.status) },
        { title: '金额（元）', value: (r) => r.amountFen / 100 },
        { title: '说明', value: (r) => r.explanation },
        { title: '政策版本', value: (r) => r.policyVersion },
      ]}
      columns={[
        { title: '机构', dataIndex: 'institutionName', width: 160 },
        { title: '期间', dataIndex: 'period', width: 80 },
        { title: '名册序号', dataIndex: 'rosterLineNo', align: 'right', width: 80, render: (v: number | null) => v ?? '—' },
        { title: '托育形式', key: 'careForm', width: 80, render: (_: unknown, r) => (r.inputs.careForm ? label(CARE_FORM_LABELS, r.inputs.careForm) : '—') },
        { title: '出勤', key: 'days', align: 'right', width: 80, render: (_: unknown, r) => attendance(r) || '—' },
        { title: '规则', dataIndex: 'ruleTitle', width: 160 },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => label(LINE_STATUS, v) },
        { title: '金额', dataIndex: 'amountFen', align: 'right', width: 100, render: (v: number) => yuan(v) },
        { title: '说明', dataIndex: 'explanation', render: (v: string) => <div style={{ minWidth: 280, maxWidth: 480, whiteSpace: 'normal' }}>{v}</div> },
      ]}
    />
  );
}
