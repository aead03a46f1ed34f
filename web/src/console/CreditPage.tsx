import { Descriptions, Drawer, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RepairRequests, RequestRepairButton } from './CreditRepairs';
import { api } from '../api/client';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, Loading, PageHeader, useLoad } from '../common/ui';

interface CreditListItem { institutionId: string; institutionName: string | null; divisionCode: string; grade: string; score: number; since: string; modelVersion: string; reasons: string[] }
interface CreditView {
  institutionId: string; institutionName: string | null; score: number; grade: string; gradeLabel: string; modelVersion: string; explanation: string;
  thresholds: { grade: string; label: string; minScore: number }[];
  measures: { department: string; measure: string; source: string }[];
  entries?: { entryId: string; occurredOn: string; title: string; points: number; effectivePoints: number; adjustment: string | null; source: string; department: string | null; dTriggerActive: boolean }[];
}
const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** 信用监管: red and black lists, and each institution's grade with its explanation. */
export function CreditPage() {
  const [list, setList] = useState<'red' | 'black' | 'repairs'>('black');
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, loading } = useLoad((signal) => (list === 'repairs' ? Promise.resolve({ items: [] }) : api<{ items: CreditListItem[] }>('/api/v1/credit/lists', { query: { list, pageSize: 200 }, signal })), [list]);
  return (
    <>
      <PageHeader title="信用监管">守信联合激励、失信联合惩戒：A 守信 / B 基本守信 / C 失信 / D 严重失信；任一部门的严重失信事实使机构总体为 D。</PageHeader>
      <Segmented style={{ marginBottom: 12 }} value={list} onChange={(v) => setList(v as typeof list)} options={[{ value: 'black', label: '黑名单（D 级）' }, { value: 'red', label: '红名单（A 级）' }, { value: 'repairs', label: '信用修复申请' }]} />
      {list === 'repairs' ? <RepairRequests onOpen={setOpen} /> : error ? <LoadError error={error} /> : (
        <DataTable<CreditListItem>
          rowKey="institutionId" loading={loading} dataSource={data?.items ?? []} pagination={{ pageSize: 20 }} exportName={list === 'red' ? '信用红名单' : '信用黑名单'}
          onRow={(r) => ({ onClick: () => setOpen(r.institutionId), style: { cursor: 'pointer' } })}
          exportColumns={[{ title: '机构', value: (r) => r.institutionName ?? r.institutionId }, { title: '地区', value: (r) => divisionName(r.divisionCode) }, { title: '等级', value: (r) => r.grade }, { title: '分值', value: (r) => r.score }, { title: '起始', value: (r) => r.since }, { title: '原因', value: (r) => r.reasons.join('；') }, { title: '模型版本', value: (r) => r.modelVersion }]}
          columns={[
            { title: '机构', dataIndex: 'institutionName', render: (v: string | null, r) => v ?? r.institutionId },
            { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '等级', dataIndex: 'grade', render: (v: string) => <Tag color={GRADE_COLOR[v]}>{v}</Tag> },
            { title: '分值', dataIndex: 'score', align: 'right' },
            { title: '起始', dataIndex: 'since' },
            { title: '原因', dataIndex: 'reasons', render: (v: string[]) => v.join('；') || '—' },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title="机构信用">{open ? <CreditDetail id={open} /> : null}</Drawer>
    </>
  );
}

function CreditDetail({ id }: { id: string }) {
  const [selected, setSelected] = useState<string[]>([]);
  const { data, error, loading, reload } = useLoad((signal) => api<CreditView>(`/api/v1/credit/institutions/${id}`, { signal }), [id]);
  if (loading) return <Loading />;
  if (error || !data) return <LoadError error={error} />;
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="机构">{data.institutionName ?? id}</Descriptions.Item>
        <Descriptions.Item label="等级"><Tag color={GRADE_COLOR[data.grade]}>{data.grade} {data.gradeLabel}</Tag> 分值 {data.score}</Descriptions.Item>
        <Descriptions.Item label="依据">{data.explanation}</Descriptions.Item>
        {data.measures.length ? <Descriptions.Item label="联合奖惩措施">{data.measures.map((m) => `${label(DEPARTMENT_LABELS, m.department)}：${m.measure}`).join('；')}</Descriptions.Item> : null}
        <Descriptions.Item label="分级标准">{data.thresholds.map((t) => `${t.grade} ${t.label} ≥ ${t.minScore}`).join('；')}（模型 {data.modelVersion}）</Descriptions.Item>
      </Descriptions>
      {data.entries?.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>信用记录</Typography.Title>
          <Typography.Paragraph type="secondary">勾选已整改的扣分记录，可申请信用修复（卫生健康部门决定；批准后自决定之日起不再扣分）。</Typography.Paragraph>
          <RequestRepairButton institutionId={id} entryIds={selected} onDone={() => { setSelected([]); reload(); }} />
          <Table size="small" rowKey="entryId" pagination={{ pageSize: 10 }} dataSource={data.entries} style={{ marginTop: 8 }}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.effectivePoints >= 0, 'aria-label': `选择 ${r.title}` }) }}
            columns={[
              { title: '日期', dataIndex: 'occurredOn' }, { title: '部门', dataIndex: 'department', render: (v: string | null) => label(DEPARTMENT_LABELS, v) },
              { title: '事项', dataIndex: 'title', render: (v: string, r) => <>{v}{r.dTriggerActive ? <Tag color="red" style={{ marginLeft: 4 }}>直接判 D</Tag> : null}</> },
              { title: '分值', key: 'p', render: (_: unknown, r) => (r.effectivePoints !== r.points ? `${r.effectivePoints}（原 ${r.points}；${r.adjustment ?? ''}）` : r.points) },
              { title: '依据', dataIndex: 'source' },
            ]} />
        </>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>查询时间 {dateTime(new Date().toISOString())}</Typography.Paragraph>
    </>
  );
}
