import { Descriptions, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { ChecklistDiscretionItem, ChecklistInspectionItem, ChecklistPenaltyItem, ChecklistVersion } from '../api/types';
import { homeDivision, useSession } from '../auth/session';
import { coveredCounties, divisionName } from '../common/divisions';
import { CHECKLIST_KIND_LABELS, DEPARTMENT_LABELS, JURISDICTION_LEVEL_LABELS, SEVERITY_LABELS, label } from '../common/labels';
import { DataTable, LoadError, NO_DATA, PageHeader, useLoad } from '../common/ui';
import { fineText } from '../common/fines';
import { DISCRETION_LEVEL_LABELS, PENALTY_KIND_LABELS } from './PenaltiesPage';

const LEVEL_COLORS: Record<string, string> = { national: 'red', province: 'volcano', city: 'orange', county: 'blue', street: 'cyan' };

/** 国家 · 全国, 市级 · 浙江省杭州市 … */
export function JurisdictionTag({ list }: { list: Pick<ChecklistVersion, 'level' | 'jurisdictionName'> }) {
  return (
    <Tag color={LEVEL_COLORS[list.level]}>
      {label(JURISDICTION_LEVEL_LABELS, list.level)} · {list.jurisdictionName}
    </Tag>
  );
}

/** The documents a list rests on, one readable citation a line (《title》文号 article). */
function Citations({ citations }: { citations: string[] }) {
  if (!citations.length) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      {citations.map((c) => (
        <Typography.Text key={c}>{c}</Typography.Text>
      ))}
    </Space>
  );
}

const composition = (c: 'adds' | 'replaces' | undefined) => (c === 'replaces' ? <Tag color="purple">替代上级</Tag> : null);

/** The item code, tagged when the item replaces the one of the same code from above (both kinds of list). */
const codeColumn = <T extends { code: string; composition?: 'adds' | 'replaces' }>() => ({
  title: '编码',
  dataIndex: 'code',
  render: (v: string, r: T) => (
    <>
      {v} {composition(r.composition)}
    </>
  ),
});

/** A list's items, the items of the lists above it that it disables, and those it confirms. */
function ListItems({ list }: { list: ChecklistVersion }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="依据">
          <Citations citations={list.citations} />
        </Descriptions.Item>
        <Descriptions.Item label="适用地域">
          <JurisdictionTag list={list} />
          {list.level === 'national' ? '全国适用' : `仅在${list.jurisdictionName}（含下辖街道、乡镇）适用，叠加在上级清单之上`}
        </Descriptions.Item>
      </Descriptions>
      {list.kind === 'inspection' ? (
        <Table<ChecklistInspectionItem>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={list.inspectionItems}
          locale={{ emptyText: NO_DATA }}
          columns={[
            codeColumn<ChecklistInspectionItem>(),
            { title: '类别', dataIndex: 'category' },
            { title: '检查内容', dataIndex: 'text' },
            { title: '法律依据', dataIndex: 'legalBasis' },
            { title: '风险', dataIndex: 'riskWeight', align: 'right' },
            { title: '严重程度', dataIndex: 'severity', render: (v: string) => label(SEVERITY_LABELS, v) },
            { title: '基本项', dataIndex: 'basic', render: (v: boolean) => (v ? <Tag color="red">基本项</Tag> : '—') },
          ]}
        />
      ) : list.kind === 'discretion' ? (
        <Table<ChecklistDiscretionItem>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={list.discretionItems}
          locale={{ emptyText: NO_DATA }}
          columns={[
            codeColumn<ChecklistDiscretionItem>(),
            { title: '适用的处罚事项', dataIndex: 'penaltyItems', render: (v: string[]) => (v.length ? v.join('、') : '本部门其他罚款事项') },
            {
              title: '裁量档次（法定罚款幅度内）',
              dataIndex: 'bands',
              render: (bands: ChecklistDiscretionItem['bands']) => (
                <Space orientation="vertical" size={0}>
                  {bands.map((b) => (
                    <Typography.Text key={b.level}>
                      {label(DISCRETION_LEVEL_LABELS, b.level)} {b.fromPercent}%–{b.toPercent}%：{b.circumstances}
                    </Typography.Text>
                  ))}
                </Space>
              ),
            },
            { title: '依据', dataIndex: 'legalBasis' },
          ]}
        />
      ) : (
        <Table<ChecklistPenaltyItem>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={list.penaltyItems}
          locale={{ emptyText: NO_DATA }}
          columns={[
            codeColumn<ChecklistPenaltyItem>(),
            { title: '违法行为', dataIndex: 'violation' },
            { title: '法律依据', dataIndex: 'legalBasis' },
            { title: '处罚种类', dataIndex: 'kinds', render: (v: string[]) => v.map((k) => label(PENALTY_KIND_LABELS, k)).join('、') },
            {
              title: '罚款幅度',
              render: (_: unknown, r) => (r.kinds.includes('fine') ? fineText(r) : '—'),
            },
            { title: '对应检查事项', dataIndex: 'relatedItems', render: (v: string[]) => v.join('、') },
          ]}
        />
      )}
      {list.disabledItems.length ? (
        <Descriptions size="small" column={1} title="停用的上级事项">
          {list.disabledItems.map((d) => (
            <Descriptions.Item key={d.code} label={d.code}>
              {d.reason}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : null}
      {list.inheritedItems.length ? <Typography.Text type="secondary">沿用上级事项：{list.inheritedItems.join('、')}</Typography.Text> : null}
    </Space>
  );
}

/**
 * 两张清单: each department's inspection and penalty lists in force, national and local, each with
 * its jurisdiction (level and name) and the documents it rests on. Choosing a division shows the
 * lists that apply there: the national ones and those of its province, city, district and street.
 */
export function ChecklistsPage() {
  const session = useSession();
  const [kind, setKind] = useState<ChecklistVersion['kind']>('inspection');
  const [department, setDepartment] = useState<string | undefined>();
  const [divisionCode, setDivisionCode] = useState<string | undefined>(homeDivision(session));
  const { data, error, loading } = useLoad(
    (signal) => api<ChecklistVersion[]>('/api/v1/checklists', { query: { kind, department, divisionCode }, signal }),
    [kind, department, divisionCode],
  );
  const divisions = [...new Set([...(session?.divisions ?? []), ...coveredCounties().map((c) => c.code)])];
  const lists = data ?? [];
  const items = (l: ChecklistVersion) => ({ inspection: l.inspectionItems, penalty: l.penaltyItems, discretion: l.discretionItems })[l.kind].length;
  return (
    <>
      <PageHeader title="两张清单">
        各部门的行政检查事项清单和行政处罚事项清单（清单之外无检查）。全国清单依据国家法律法规，在全国适用；省、市、区县、街道的清单只在本地适用，可增加、替代或停用上级事项。
      </PageHeader>
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          options={Object.entries(CHECKLIST_KIND_LABELS).map(([value, l]) => ({ value, label: l }))}
        />
        <Select
          aria-label="部门"
          allowClear
          placeholder="全部部门"
          style={{ width: 180 }}
          value={department}
          onChange={setDepartment}
          options={['health', 'market', 'fire', 'police', 'education', 'hrss', 'civil', 'street'].map((d) => ({
            value: d,
            label: label(DEPARTMENT_LABELS, d),
          }))}
        />
        <Select
          aria-label="适用区划"
          allowClear
          placeholder="全部地域的清单"
          style={{ width: 220 }}
          value={divisionCode}
          onChange={setDivisionCode}
          options={divisions.map((c) => ({ value: c, label: `适用于 ${divisionName(c)}` }))}
        />
      </Space>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<ChecklistVersion>
          rowKey="id"
          loading={loading}
          dataSource={lists}
          pagination={false}
          heading={data ? `共 ${lists.length} 份清单${divisionCode ? `（适用于${divisionName(divisionCode)}）` : ''}` : null}
          // The items' long texts scroll inside the expanded row instead of widening the whole table.
          expandable={{
            expandedRowRender: (l) => (
              <div style={{ maxWidth: 'calc(100vw - 300px)', overflowX: 'auto' }}>
                <ListItems list={l} />
              </div>
            ),
          }}
          exportName="两张清单"
          exportColumns={[
            { title: '部门', value: (r) => label(DEPARTMENT_LABELS, r.department) },
            { title: '清单', value: (r) => r.title },
            { title: '适用层级', value: (r) => label(JURISDICTION_LEVEL_LABELS, r.level) },
            { title: '适用地域', value: (r) => r.jurisdictionName },
            { title: '版本', value: (r) => r.version },
            { title: '生效日期', value: (r) => r.effectiveFrom },
            { title: '依据', value: (r) => r.citations.join('；') },
            { title: '事项数', value: (r) => items(r) },
            { title: '停用上级事项', value: (r) => r.disabledItems.map((d) => `${d.code}（${d.reason}）`).join('；') },
          ]}
          columns={[
            { title: '部门', dataIndex: 'department', render: (v: string) => label(DEPARTMENT_LABELS, v) },
            { title: '清单', dataIndex: 'title', width: 280 },
            { title: '适用地域', key: 'jurisdiction', render: (_: unknown, r) => <JurisdictionTag list={r} /> },
            { title: '依据', dataIndex: 'citations', width: 360, render: (v: string[]) => <Citations citations={v} /> },
            { title: '版本', dataIndex: 'version' },
            { title: '生效日期', dataIndex: 'effectiveFrom' },
            { title: '事项', key: 'items', align: 'right', render: (_: unknown, r) => items(r) },
            { title: '来源', dataIndex: 'origin', render: (v: string) => (v === 'built-in' ? '平台内置' : '部门发布') },
          ]}
        />
      )}
    </>
  );
}
