// 分级规则: the rules of a family as they apply in one division on one date — the national rules
// and the province's, city's, district's and street's refinements — each with the document it
// came from; and, to compare, the same family in another division or on another date.
import { Alert, Card, DatePicker, Descriptions, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  JURISDICTION_LEVEL_NAMES,
  RULE_COMPOSITION_NAMES,
  RULE_FAMILIES,
  RULE_FAMILY_NAMES,
  formatRuleSource,
  type RuleFamily,
  type RuleSource,
} from '../../../libs/common/src/rule-documents';
import { DIVISION_TABLE } from '../../../libs/common/src/division-table';
import { api } from '../api/client';
import { LoadError, NO_DATA, PageHeader, useLoad } from '../common/ui';

interface DocumentRef {
  documentKey: string;
  version: string;
  title: string;
  jurisdiction: string;
  jurisdictionName: string;
  level: keyof typeof JURISDICTION_LEVEL_NAMES;
  effectiveFrom: string;
  effectiveTo: string | null;
  sources: RuleSource[];
}

interface EffectiveRule {
  key: string;
  title: string;
  composition: 'adds' | 'replaces';
  sources: RuleSource[];
  body: unknown;
  from: DocumentRef;
  replaced: { key: string; title: string; from: DocumentRef }[];
  inheritedBy: DocumentRef[];
}

interface Resolved {
  divisionCode: string;
  date: string;
  chain: { jurisdiction: string; name: string; level: keyof typeof JURISDICTION_LEVEL_NAMES }[];
  rules: EffectiveRule[];
  disabled: { key: string; title: string; reason: string; by: DocumentRef; was: { title: string; from: DocumentRef }[] }[];
}

interface Diff {
  before: Resolved;
  after: Resolved;
  added: EffectiveRule[];
  removed: EffectiveRule[];
  changed: { key: string; before: EffectiveRule[]; after: EffectiveRule[] }[];
  unchanged: number;
}

const LEVEL_COLORS: Record<string, string> = { national: 'red', province: 'volcano', city: 'orange', county: 'blue', street: 'cyan' };

const DIVISIONS = DIVISION_TABLE.map((d) => ({
  value: d.code,
  label: `${'　'.repeat({ province: 0, city: 1, county: 2, street: 3 }[d.level])}${d.name}（${d.code}）`,
}));

const sources = (list: RuleSource[]) => list.map(formatRuleSource).join('；');

function Origin({ from }: { from: DocumentRef }) {
  return (
    <Space direction="vertical" size={0}>
      <span>
        <Tag color={LEVEL_COLORS[from.level]}>{JURISDICTION_LEVEL_NAMES[from.level]}</Tag>
        {from.jurisdictionName}
      </span>
      <Typography.Text type="secondary">
        {from.title}（{from.version}，{from.effectiveFrom} 起{from.effectiveTo ? ` 至 ${from.effectiveTo}` : ''}）
      </Typography.Text>
    </Space>
  );
}

function RuleTable({ rules, caption }: { rules: EffectiveRule[]; caption: string }) {
  return (
    <section aria-label={caption}>
      <Table<EffectiveRule>
        size="small"
        rowKey={(r) => `${r.from.version}|${r.key}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: NO_DATA }}
        dataSource={rules}
        columns={[
          { title: '规则', render: (_, r) => `${r.title}（${r.key}）` },
          { title: '来自', render: (_, r) => <Origin from={r.from} /> },
          {
            title: '与上级规则',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{RULE_COMPOSITION_NAMES[r.composition]}</span>
                {r.replaced.map((x) => (
                  <Typography.Text key={x.from.version} type="secondary">
                    替代：{x.from.jurisdictionName}《{x.from.title}》{x.title}
                  </Typography.Text>
                ))}
                {r.inheritedBy.map((x) => (
                  <Typography.Text key={x.version} type="secondary">
                    {x.jurisdictionName}明确沿用
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
          { title: '依据', render: (_, r) => <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 420 }}>{sources(r.sources)}</span> },
        ]}
      />
    </section>
  );
}

function query(family: RuleFamily, divisionCode: string, date: Dayjs, other?: { divisionCode?: string; date?: Dayjs | null }) {
  return {
    family,
    divisionCode,
    date: date.format('YYYY-MM-DD'),
    ...(other?.divisionCode ? { otherDivisionCode: other.divisionCode } : {}),
    ...(other?.date ? { otherDate: other.date.format('YYYY-MM-DD') } : {}),
  };
}

export function RulesPage() {
  const [family, setFamily] = useState<RuleFamily>('subsidy');
  const [divisionCode, setDivisionCode] = useState('330106');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [otherDivision, setOtherDivision] = useState<string | undefined>();
  const [otherDate, setOtherDate] = useState<Dayjs | null>(null);
  const comparing = !!otherDivision || !!otherDate;

  const effective = useLoad(
    (signal) => api<Resolved>('/api/v1/rules/effective', { query: query(family, divisionCode, date), signal }),
    [family, divisionCode, date.format('YYYY-MM-DD')],
  );
  const diff = useLoad(
    (signal) =>
      comparing
        ? api<Diff>('/api/v1/rules/diff', { query: query(family, divisionCode, date, { divisionCode: otherDivision, date: otherDate }), signal })
        : Promise.resolve(null),
    [family, divisionCode, date.format('YYYY-MM-DD'), otherDivision, otherDate?.format('YYYY-MM-DD')],
  );

  return (
    <>
      <PageHeader title="分级规则">
        国家规则经省、市、区县、街道细化；下级可增加、替代或停用上级规则（须说明理由），且只在本辖区适用。选择规则类别、区划和日期，查看当时适用的全部规则及其来源；再选另一区划或日期可对比差异。
      </PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }}>
          <Form.Item label="规则类别">
            <Select<RuleFamily>
              aria-label="规则类别"
              style={{ width: 180 }}
              value={family}
              onChange={setFamily}
              options={RULE_FAMILIES.map((f) => ({ value: f, label: RULE_FAMILY_NAMES[f] }))}
            />
          </Form.Item>
          <Form.Item label="区划">
            <Select
              aria-label="区划"
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              value={divisionCode}
              onChange={setDivisionCode}
              options={DIVISIONS}
            />
          </Form.Item>
          <Form.Item label="日期">
            <DatePicker aria-label="日期" allowClear={false} value={date} onChange={(d) => d && setDate(d)} />
          </Form.Item>
          <Form.Item label="对比区划">
            <Select
              aria-label="对比区划"
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 260 }}
              placeholder="（同一区划）"
              value={otherDivision}
              onChange={setOtherDivision}
              options={DIVISIONS}
            />
          </Form.Item>
          <Form.Item label="对比日期">
            <DatePicker aria-label="对比日期" placeholder="（同一日期）" value={otherDate} onChange={setOtherDate} />
          </Form.Item>
        </Form>
      </Card>
      {effective.error ? <LoadError error={effective.error} /> : null}
      {effective.data ? (
        <Card
          title={`${RULE_FAMILY_NAMES[family]}：${effective.data.chain.at(-1)?.name ?? divisionCode}，${effective.data.date}`}
          style={{ marginBottom: 16 }}
          loading={effective.loading}
        >
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="适用层级">
              {effective.data.chain.map((c) => (
                <Tag key={c.jurisdiction} color={LEVEL_COLORS[c.level]}>
                  {JURISDICTION_LEVEL_NAMES[c.level]} · {c.name}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          <RuleTable rules={effective.data.rules} caption="适用规则" />
          {effective.data.disabled.length ? (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              message="本辖区停用的上级规则"
              description={
                <ul style={{ margin: 0 }} data-testid="disabled-rules">
                  {effective.data.disabled.map((d) => (
                    <li key={`${d.by.version}|${d.key}`}>
                      {d.title}（{d.key}）：{d.by.jurisdictionName}《{d.by.title}》停用，理由：{d.reason}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
        </Card>
      ) : null}
      {diff.error ? <LoadError error={diff.error} /> : null}
      {comparing && diff.data ? (
        <Card
          title={`对比：${diff.data.before.chain.at(-1)?.name} ${diff.data.before.date} → ${diff.data.after.chain.at(-1)?.name} ${diff.data.after.date}`}
          data-testid="rule-diff"
        >
          <Typography.Paragraph>
            新增 {diff.data.added.length} 条，移除 {diff.data.removed.length} 条，变化 {diff.data.changed.length} 条，相同 {diff.data.unchanged} 条。
          </Typography.Paragraph>
          {diff.data.added.length ? (
            <>
              <Typography.Title level={5}>仅在后者适用</Typography.Title>
              <RuleTable rules={diff.data.added} caption="新增规则" />
            </>
          ) : null}
          {diff.data.removed.length ? (
            <>
              <Typography.Title level={5}>仅在前者适用</Typography.Title>
              <RuleTable rules={diff.data.removed} caption="移除规则" />
            </>
          ) : null}
          {diff.data.changed.map((c) => (
            <div key={c.key}>
              <Typography.Title level={5}>规则 {c.key} 不同</Typography.Title>
              <RuleTable rules={[...c.before, ...c.after]} caption={`规则 ${c.key} 对比`} />
            </div>
          ))}
        </Card>
      ) : null}
    </>
  );
}
