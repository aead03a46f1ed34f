import { Descriptions, Drawer, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { InstitutionListings, ListingsTable } from './CreditListings';
import { RepairRequests, RequestRepairButton } from './CreditRepairs';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, dateTime, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, Loading, PageHeader, useLoad } from '../common/ui';

interface CreditListItem {
  institutionId: string;
  institutionName: string | null;
  divisionCode: string;
  grade: string;
  score: number;
  since: string;
  modelVersion: string;
  reasons: string[];
}
/** Whom a grade's measure concerns: a department, or a part of supervision the platform runs for all of them. */
const MEASURE_SCOPES: Record<string, string> = { ...DEPARTMENT_LABELS, inspection: '双随机抽查', subsidy: '补助发放', all: '各部门' };

interface CreditView {
  institutionId: string;
  institutionName: string | null;
  score: number;
  grade: string;
  gradeLabel: string;
  modelVersion: string;
  modelJurisdictionName: string;
  explanation: string;
  thresholds: { grade: string; label: string; minScore: number }[];
  measures: { department: string; measure: string; source: string }[];
  listingProcedure: { groundedBy: string[]; statementDays: number; minPublicationDays: number; maxPublicationDays: number; source: string } | null;
  entries?: {
    entryId: string;
    eventType: string;
    occurredOn: string;
    title: string;
    points: number;
    effectivePoints: number;
    adjustment: string | null;
    source: string;
    department: string | null;
    dTriggerActive: boolean;
    repairedBy: string | null;
  }[];
}
const GRADE_COLOR: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/**
 * 信用监管: the grade lists (A 优 / D 差: supervision classes), the 严重失信主体名单 (decided after notice
 * and statement), 信用修复, and each institution's grade with its explanation and listings.
 */
export function CreditPage() {
  // Operators see no grade lists (those are the departments'): their own institutions and their notices instead.
  const operator = useSession()?.department === 'operator';
  const [list, setList] = useState<'red' | 'black' | 'listings' | 'repairs' | 'own'>(operator ? 'own' : 'black');
  // `?institutionId=` opens that institution's credit directly (an operator's own, a link from elsewhere).
  const [params, setParams] = useSearchParams();
  const open = params.get('institutionId');
  // Closing an institution's credit re-reads the listings: a notice, statement or decision may have changed them.
  const [closed, setClosed] = useState(0);
  const setOpen = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('institutionId', id);
      else next.delete('institutionId');
      return next;
    });
  const { data, error, loading } = useLoad(
    (signal) =>
      list === 'repairs' || list === 'own' || list === 'listings'
        ? Promise.resolve({ items: [] })
        : api<{ items: CreditListItem[] }>('/api/v1/credit/lists', { query: { list, pageSize: 200 }, signal }),
    [list],
  );
  const lists = operator
    ? [
        { value: 'own', label: '本单位机构' },
        { value: 'listings', label: '失信认定告知' },
        { value: 'repairs', label: '信用修复申请' },
      ]
    : [
        { value: 'black', label: 'D 级（差）重点监管' },
        { value: 'red', label: 'A 级（优）' },
        { value: 'listings', label: '严重失信主体名单' },
        { value: 'repairs', label: '信用修复申请' },
      ];
  return (
    <>
      <PageHeader title="信用监管">
        信用分级分类监管：A 优 / B 良 / C 中 / D 差 是监管分类（决定抽查比例和频次），不是失信认定；任一部门的直接判 D 事项使机构总体为 D。
        严重失信主体名单由卫生健康部门告知认定事实和依据、听取陈述申辩后，方可作出认定决定并公示。
      </PageHeader>
      <Segmented style={{ marginBottom: 12 }} value={list} onChange={(v) => setList(v as typeof list)} options={lists} />
      {list === 'repairs' ? (
        <RepairRequests onOpen={setOpen} />
      ) : list === 'listings' ? (
        <ListingsTable onOpen={setOpen} refresh={closed} />
      ) : list === 'own' ? (
        <OwnInstitutions onOpen={setOpen} />
      ) : error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<CreditListItem>
          rowKey="institutionId"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          exportName={list === 'red' ? '信用等级A（优）' : '信用等级D（差）重点监管'}
          onRow={(r) => ({ onClick: () => setOpen(r.institutionId), style: { cursor: 'pointer' } })}
          exportColumns={[
            { title: '机构', value: (r) => r.institutionName ?? r.institutionId },
            { title: '地区', value: (r) => divisionName(r.divisionCode) },
            { title: '等级', value: (r) => r.grade },
            { title: '分值', value: (r) => r.score },
            { title: '起始', value: (r) => r.since },
            { title: '原因', value: (r) => r.reasons.join('；') },
            { title: '模型版本', value: (r) => r.modelVersion },
          ]}
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
      <Drawer
        open={!!open}
        onClose={() => {
          setOpen(null);
          setClosed((n) => n + 1);
        }}
        size="large"
        title="机构信用"
      >
        {open ? <CreditDetail id={open} /> : null}
      </Drawer>
    </>
  );
}

/** An operator's own institutions (the register answers an operator with its own only); a click opens the credit. */
function OwnInstitutions({ onOpen }: { onOpen: (institutionId: string) => void }) {
  const { data, error, loading } = useLoad(
    (signal) => api<Page<{ id: string; name: string; divisionCode: string; status: string }>>('/api/v1/institutions', { query: { pageSize: 200 }, signal }),
    [],
  );
  if (error) return <LoadError error={error} />;
  return (
    <DataTable<{ id: string; name: string; divisionCode: string }>
      rowKey="id"
      loading={loading}
      dataSource={data?.items ?? []}
      pagination={{ pageSize: 20 }}
      exportName="本单位机构"
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      exportColumns={[
        { title: '机构', value: (r) => r.name },
        { title: '地区', value: (r) => divisionName(r.divisionCode) },
      ]}
      columns={[
        { title: '机构', dataIndex: 'name' },
        { title: '地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
        { title: '信用', key: 'c', render: () => <Typography.Link>查看信用</Typography.Link> },
      ]}
    />
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
        <Descriptions.Item label="等级">
          <Tag color={GRADE_COLOR[data.grade]}>
            {data.grade} {data.gradeLabel}
          </Tag>{' '}
          分值 {data.score}
        </Descriptions.Item>
        <Descriptions.Item label="依据">{data.explanation}</Descriptions.Item>
        {data.measures.length ? (
          <Descriptions.Item label="联合奖惩措施">
            {data.measures.map((m) => `${label(MEASURE_SCOPES, m.department)}：${m.measure}`).join('；')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="分级标准">
          {data.thresholds.map((t) => `${t.grade} ${t.label} ≥ ${t.minScore}`).join('；')}（{data.modelJurisdictionName}适用模型 {data.modelVersion}）
        </Descriptions.Item>
      </Descriptions>
      <InstitutionListings institutionId={id} entries={data.entries ?? []} groundedBy={data.listingProcedure?.groundedBy ?? []} />
      {data.entries?.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            信用记录
          </Typography.Title>
          <Typography.Paragraph type="secondary">勾选已整改的扣分记录，可申请信用修复（卫生健康部门决定；批准后自决定之日起不再扣分）。</Typography.Paragraph>
          <DataTable
            size="small"
            rowKey="entryId"
            pagination={{ pageSize: 10 }}
            dataSource={data.entries}
            style={{ marginTop: 8 }}
            heading={
              <RequestRepairButton
                institutionId={id}
                entryIds={selected}
                onDone={() => {
                  setSelected([]);
                  reload();
                }}
              />
            }
            exportName={`信用记录-${data.institutionName ?? id}`}
            exportColumns={[
              { title: '日期', value: (r) => r.occurredOn },
              { title: '部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
              { title: '事项', value: (r) => r.title },
              { title: '分值', value: (r) => r.points },
              { title: '计分', value: (r) => r.effectivePoints },
              { title: '调整', value: (r) => r.adjustment ?? '' },
              { title: '直接判 D', value: (r) => (r.dTriggerActive ? '是' : '') },
              { title: '依据', value: (r) => r.source },
            ]}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (r) => ({ disabled: r.effectivePoints >= 0, 'aria-label': `选择 ${r.title}` }),
            }}
            columns={[
              { title: '日期', dataIndex: 'occurredOn' },
              { title: '部门', dataIndex: 'department', render: (v: string | null) => label(DEPARTMENT_LABELS, v) },
              {
                title: '事项',
                dataIndex: 'title',
                render: (v: string, r) => (
                  <>
                    {v}
                    {r.dTriggerActive ? (
                      <Tag color="red" style={{ marginLeft: 4 }}>
                        直接判 D
                      </Tag>
                    ) : null}
                  </>
                ),
              },
              {
                title: '分值',
                key: 'p',
                render: (_: unknown, r) => (r.effectivePoints !== r.points ? `${r.effectivePoints}（原 ${r.points}；${r.adjustment ?? ''}）` : r.points),
              },
              { title: '依据', dataIndex: 'source' },
            ]}
          />
        </>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        查询时间 {dateTime(new Date().toISOString())}
      </Typography.Paragraph>
    </>
  );
}
