import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Empty, InputNumber, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { DivisionIndicators, IndicatorsView, IndicatorTarget, IndicatorValue } from '../api/types';
import { homeDivision, useSession } from '../auth/session';
import { coveredCounties, divisionName, streetsOf } from '../common/divisions';
import { dateTime } from '../common/labels';
import { DataTable, LoadError, Loading, NO_DATA, PageHeader, useLoad } from '../common/ui';
import { Chart, type ChartOption } from './Chart';
import { formatCount, formatIndicator } from './format';
import { TileMap } from './TileMap';

/** 指标看板: the indicators of a district and its streets, supply and demand, a street map. */
export default function DashboardPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const divisionCode = params.get('divisionCode') ?? homeDivision(session);
  const month = params.get('month') ?? dayjs().format('YYYY-MM');
  const target = params.get('targetPerThousand') ?? '';
  const set = (k: string, v: string | null) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n, { replace: true });
  };
  const { data, error, loading } = useLoad(
    (signal) => api<IndicatorsView>('/api/v1/indicators', { query: { divisionCode, month, targetPerThousand: target || undefined }, signal }),
    [divisionCode, month, target],
  );
  const divisionOptions = useMemo(() => {
    const mine = session?.divisions.length ? session.divisions : coveredCounties().map((c) => c.code);
    const codes = mine.flatMap((c) => (c.length === 6 ? [c, ...streetsOf(c).map((s) => s.code)] : [c]));
    return codes.map((c) => ({ value: c, label: c.length === 9 ? `\u3000${divisionName(c)}` : divisionName(c) }));
  }, [session]);

  return (
    <>
      <PageHeader
        title="指标看板"
        extra={
          <Space wrap>
            <label htmlFor="division-select">地区</label>
            <Select
              id="division-select"
              style={{ width: 170 }}
              value={divisionCode}
              options={divisionOptions}
              onChange={(v) => set('divisionCode', v)}
              showSearch
              optionFilterProp="label"
            />
            <label htmlFor="month-picker">月份</label>
            <DatePicker
              id="month-picker"
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && set('month', d.format('YYYY-MM'))}
            />
            <Tooltip title="供需缺口按此目标计算（每千常住人口托位数）；留空按本地区现行发展目标">
              <label htmlFor="target-input">目标（个/千人）</label>
            </Tooltip>
            <InputNumber
              id="target-input"
              min={0.1}
              max={50}
              step={0.1}
              placeholder={String(data?.divisions[0]?.supply?.targetPerThousand ?? '')}
              value={target ? Number(target) : null}
              onChange={(v) => set('targetPerThousand', v ? String(v) : null)}
              style={{ width: 90 }}
            />
          </Space>
        }
      >
        每个指标旁注明定义与来源；数据为所选月份月末在册的全部运营中机构（已登记、未注销，含未备案机构），“仅已备案机构”的数值列在同一指标下。
        {data ? `计算时间 ${dateTime(data.asOf)}。` : ''}
      </PageHeader>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <LoadError error={error} />
      ) : data && data.divisions.length ? (
        <Dashboard view={data} />
      ) : (
        <Empty description={NO_DATA} />
      )}
    </>
  );
}

function Dashboard({ view }: { view: IndicatorsView }) {
  const [head, ...streets] = view.divisions as [DivisionIndicators, ...DivisionIndicators[]];
  const city = view.comparison ?? undefined;
  // A filed-only figure is shown inside the card of the figure over all operating institutions.
  const beside = new Map(head.indicators.filter((i) => i.filedOnlyOf).map((i) => [i.filedOnlyOf!, i]));
  const shown = head.indicators.filter((i) => !i.filedOnlyOf || !head.indicators.some((o) => o.key === i.filedOnlyOf));
  return (
    <div data-testid="dashboard" data-division={head.divisionCode} data-month={view.month}>
      <Typography.Title level={4}>
        {head.divisionName} · {view.month}
      </Typography.Title>
      {groupsOf(shown).map(([group, indicators]) => (
        <section key={group} aria-label={group} data-testid={`indicator-group-${group}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={5} style={{ margin: '8px 0' }}>
            {group}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {indicators.map((i) => (
              <Col key={i.key} xs={24} sm={12} lg={8} xl={6}>
                <IndicatorCard
                  divisionCode={head.divisionCode}
                  indicator={i}
                  filed={beside.get(i.key)}
                  city={city ? { name: city.divisionName, value: city.indicators.find((c) => c.key === i.key) } : undefined}
                  target={head.targets?.find((t) => t.indicatorKey === i.key)}
                />
              </Col>
            ))}
          </Row>
        </section>
      ))}
      {head.targets?.length ? <Targets d={head} /> : null}
      <GradeChart d={head} />
      {head.supply ? <SupplySummary d={head} /> : null}
      {streets.length ? <Streets county={head.divisionCode} streets={streets} inside={head.level === 'county' ? '街道（乡镇）' : '区（县）'} /> : null}
    </div>
  );
}

/** The register's own indicators first (登记备案与供需), then each service's group in the order they arrive. */
function groupsOf(indicators: IndicatorValue[]): [string, IndicatorValue[]][] {
  const groups = new Map<string, IndicatorValue[]>();
  for (const i of indicators) {
    const g = i.group ?? '登记备案与供需';
    groups.set(g, [...(groups.get(g) ?? []), i]);
  }
  return [...groups];
}

/** 信用等级分布 as a bar chart, when the credit service contributed its grade counts. */
function GradeChart({ d }: { d: DivisionIndicators }) {
  const grades = ['A', 'B', 'C', 'D'].map((g) => d.indicators.find((i) => i.key === `creditGrade${g}`));
  if (grades.some((g) => !g)) return null;
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: grades.map((g) => g!.label) },
    yAxis: { type: 'value', name: '家', minInterval: 1 },
    series: [{ type: 'bar', data: grades.map((g, i) => ({ value: g!.value ?? 0, itemStyle: { color: ['#2e7d32', '#1f5fbf', '#ef6c00', '#c62828'][i] } })) }],
  };
  return (
    <Card size="small" style={{ marginTop: 8 }} title="信用等级分布">
      <Chart option={option} height={220} label={`信用等级分布：${grades.map((g) => `${g!.label} ${g!.value ?? 0} 家`).join('，')}`} />
    </Card>
  );
}

/**
 * One indicator: its value, numerator / denominator, definition and source; with `filed`, the
 * same figure over filed (已备案) institutions only beside it, its definition and source on hover.
 */
function IndicatorCard({
  divisionCode,
  indicator: i,
  filed,
  city,
  target,
}: {
  divisionCode: string;
  indicator: IndicatorValue;
  filed?: IndicatorValue;
  city?: { name: string; value?: IndicatorValue };
  target?: IndicatorTarget;
}) {
  return (
    <Card className="indicator-card" size="small" style={{ height: '100%' }}>
      <Typography.Text type="secondary">{i.label}</Typography.Text>
      <div
        style={{ fontSize: 26, fontWeight: 600, margin: '4px 0', color: i.value === null ? '#757575' : '#1a1a1a' }}
        data-testid={`indicator-${divisionCode}-${i.key}`}
        data-value={i.value === null ? '' : String(i.value)}
      >
        {formatIndicator(i)}
      </div>
      {i.numerator !== undefined && i.denominator !== undefined ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatCount(i.numerator)} / {formatCount(i.denominator)}
        </Typography.Text>
      ) : null}
      {filed ? (
        <div style={{ marginTop: 4 }} data-filed-of={i.key}>
          <Tooltip title={`${filed.label}：${filed.definition}（来源：${filed.source}）`}>
            <span style={{ fontSize: 13 }}>
              仅已备案机构 <InfoCircleOutlined />：
              <b data-testid={`indicator-${divisionCode}-${filed.key}`} data-value={filed.value === null ? '' : String(filed.value)}>
                {formatIndicator(filed)}
              </b>
            </span>
          </Tooltip>
          {filed.numerator !== undefined && filed.denominator !== undefined ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
              {formatCount(filed.numerator)} / {formatCount(filed.denominator)}
            </Typography.Text>
          ) : null}
        </div>
      ) : null}
      {city?.value ? (
        <div style={{ fontSize: 13, marginTop: 4 }} data-city-of={i.key}>
          {city.name}（全市）：
          <b data-testid={`indicator-city-${i.key}`} data-value={city.value.value === null ? '' : String(city.value.value)}>
            {formatIndicator(city.value)}
          </b>
        </div>
      ) : null}
      {target ? <TargetLine target={target} /> : null}
      <div style={{ fontSize: 12, color: '#555', marginTop: 6 }}>
        <InfoCircleOutlined /> 定义：{i.definition}
      </div>
      <div style={{ fontSize: 12, color: '#757575' }}>来源：{i.source}</div>
    </Card>
  );
}

/** 目标 ≥ 4.6（到 2025 年，拱墅区）, met or not, with the rule it comes from on hover. */
function TargetLine({ target: t }: { target: IndicatorTarget }) {
  const value = formatIndicator({ value: t.value, unit: t.unit });
  return (
    <div style={{ fontSize: 13, marginTop: 4 }} data-testid={`target-${t.indicatorKey}`} data-met={t.met === null ? '' : String(t.met)}>
      <Tooltip title={`${t.rule.jurisdictionName}发展目标（${t.rule.version}）；依据：${t.rule.source}`}>
        <span>
          目标 {t.direction === 'atLeast' ? '≥' : '≤'} {value}
          {t.byYear ? `（到 ${t.byYear} 年）` : ''} <InfoCircleOutlined />
        </span>
      </Tooltip>{' '}
      {t.met === null ? <Tag>暂无数据</Tag> : t.met ? <Tag color="green">已达成</Tag> : <Tag color="red">未达成</Tag>}
    </div>
  );
}

/** Every 发展目标 in force for the division, including those for figures the platform does not hold. */
function Targets({ d }: { d: DivisionIndicators }) {
  return (
    <Card size="small" style={{ marginTop: 8 }} title={`发展目标（${d.divisionName}现行）`} data-testid="targets">
      {d.targets!.map((t) => (
        <div key={t.rule.key} style={{ marginBottom: 6 }}>
          <b>{t.label}</b>：{t.actual === null ? '暂无数据' : formatIndicator({ value: t.actual, unit: t.unit })}
          <TargetLine target={t} />
          <div style={{ fontSize: 12, color: '#757575' }}>
            {t.rule.jurisdictionName} · 依据：{t.rule.source}
          </div>
        </div>
      ))}
    </Card>
  );
}

function SupplySummary({ d }: { d: DivisionIndicators }) {
  const s = d.supply!;
  return (
    <Card size="small" style={{ marginTop: 16 }} title="供需概况">
      <Space size="large" wrap>
        <span>
          常住人口 <b>{formatCount(s.residentPopulation)}</b>
          {s.populationYear ? `（${s.populationYear} 年）` : ''}
        </span>
        <span>
          3 岁以下婴幼儿 <b>{formatCount(s.childrenUnder3)}</b>
        </span>
        <Tooltip title="全部运营中托育机构（已登记、未注销，含幼儿园托班，不含成长驿站）的托位">
          <span>
            托位 <b data-testid={`supply-${d.divisionCode}-places`}>{formatCount(s.places)}</b>
          </span>
        </Tooltip>
        {s.filedPlaces !== undefined ? (
          <span>
            其中已备案 <b data-testid={`supply-${d.divisionCode}-filed-places`}>{formatCount(s.filedPlaces)}</b>
          </span>
        ) : null}
        {s.kindergartenPlaces ? (
          <span>
            其中幼儿园托班 <b>{formatCount(s.kindergartenPlaces)}</b>
          </span>
        ) : null}
        <span>
          普惠托位 <b>{formatCount(s.inclusivePlaces)}</b>
        </span>
        <span>
          目标 {s.targetPerThousand ?? '—'} 个/千人 → 应有 <b>{formatCount(s.targetPlaces)}</b>
        </span>
        <span>
          缺口{' '}
          <b style={{ color: s.gap ? '#b71c1c' : undefined }} data-testid={`supply-${d.divisionCode}-gap`}>
            {formatCount(s.gap)}
          </b>
        </span>
      </Space>
    </Card>
  );
}

/** The divisions inside the one asked for (a county's streets, a city's counties): supply and demand, every indicator, maps. */
function Streets({ county, streets, inside }: { county: string; streets: DivisionIndicators[]; inside: string }) {
  const keys = [...new Map(streets.flatMap((s) => s.indicators).map((i) => [i.key, i])).values()];
  const value = (d: DivisionIndicators, key: string) => d.indicators.find((i) => i.key === key);
  const ranked = [...streets].sort((a, b) => (b.supply?.gap ?? -1) - (a.supply?.gap ?? -1) || a.divisionCode.localeCompare(b.divisionCode));
  const chart: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 64 },
    xAxis: { type: 'category', data: ranked.map((s) => s.divisionName), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', name: '人 / 个' },
    series: [
      { name: '3 岁以下婴幼儿', type: 'bar', data: ranked.map((s) => s.supply?.childrenUnder3 ?? null), itemStyle: { color: '#90a4ae' } },
      { name: '托位', type: 'bar', data: ranked.map((s) => s.supply?.places ?? 0), itemStyle: { color: '#1f5fbf' } },
      { name: '普惠托位', type: 'bar', data: ranked.map((s) => s.supply?.inclusivePlaces ?? 0), itemStyle: { color: '#2e7d32' } },
      { name: '目标托位', type: 'line', data: ranked.map((s) => s.supply?.targetPlaces ?? null), itemStyle: { color: '#e65100' } },
      { name: '缺口', type: 'bar', data: ranked.map((s) => s.supply?.gap ?? null), itemStyle: { color: '#c62828' } },
    ],
  };
  const per1000 = value(streets[0]!, 'placesPer1000') ? 'placesPer1000' : keys[0]?.key;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={`供需分析：各${inside}按缺口排序`}>
            <Chart
              option={chart}
              height={340}
              label={`各${inside}供需：${ranked.map((s) => `${s.divisionName} 托位 ${s.supply?.places ?? 0}，缺口 ${s.supply?.gap ?? '暂无数据'}`).join('；')}`}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`${inside}分布图：托位缺口`}>
            <TileMap
              county={county}
              title="托位缺口"
              moreIsWorse
              data={streets.map((s) => ({
                code: s.divisionCode,
                name: s.divisionName,
                value: s.supply?.gap ?? null,
                text: s.supply?.gap === null || s.supply?.gap === undefined ? '—' : `缺 ${s.supply.gap}`,
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }}>
        <DataTable<DivisionIndicators>
          heading={<strong>供需明细（目标 {streets[0]?.supply?.targetPerThousand ?? '—'} 个/千人，按缺口从大到小）</strong>}
          rowKey="divisionCode"
          dataSource={ranked}
          pagination={false}
          exportName={`供需分析-${divisionName(county)}`}
          exportColumns={[
            { title: inside, value: (r) => r.divisionName },
            { title: '常住人口', value: (r) => r.supply?.residentPopulation ?? '' },
            { title: '3岁以下婴幼儿', value: (r) => r.supply?.childrenUnder3 ?? '' },
            { title: '托位', value: (r) => r.supply?.places ?? '' },
            { title: '普惠托位', value: (r) => r.supply?.inclusivePlaces ?? '' },
            { title: '目标托位', value: (r) => r.supply?.targetPlaces ?? '' },
            { title: '缺口', value: (r) => r.supply?.gap ?? '' },
          ]}
          columns={[
            { title: '排名', key: 'rank', render: (_: unknown, __: DivisionIndicators, i: number) => i + 1 },
            { title: inside, dataIndex: 'divisionName' },
            { title: '常住人口', key: 'pop', align: 'right', render: (_: unknown, r) => formatCount(r.supply?.residentPopulation) },
            { title: '3岁以下婴幼儿', key: 'u3', align: 'right', render: (_: unknown, r) => formatCount(r.supply?.childrenUnder3) },
            { title: '托位', key: 'places', align: 'right', render: (_: unknown, r) => formatCount(r.supply?.places) },
            { title: '普惠托位', key: 'inc', align: 'right', render: (_: unknown, r) => formatCount(r.supply?.inclusivePlaces) },
            { title: '目标托位', key: 'tp', align: 'right', render: (_: unknown, r) => formatCount(r.supply?.targetPlaces) },
            {
              title: '缺口',
              key: 'gap',
              align: 'right',
              render: (_: unknown, r) =>
                r.supply?.gap ? (
                  <Tag color="red" data-testid={`supply-${r.divisionCode}-gap`}>
                    {formatCount(r.supply.gap)}
                  </Tag>
                ) : (
                  <span data-testid={`supply-${r.divisionCode}-gap`}>{formatCount(r.supply?.gap)}</span>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" style={{ marginTop: 16 }}>
        <DataTable<DivisionIndicators>
          heading={<strong>各{inside}指标</strong>}
          rowKey="divisionCode"
          dataSource={streets}
          pagination={false}
          exportName={`${inside}指标-${divisionName(county)}`}
          exportColumns={[
            { title: inside, value: (r) => r.divisionName },
            ...keys.map((k) => ({ title: `${k.label}（${k.unit}）`, value: (r: DivisionIndicators) => value(r, k.key)?.value ?? '' })),
          ]}
          columns={[
            { title: inside, dataIndex: 'divisionName', fixed: 'left' },
            ...keys.map((k) => ({
              title: (
                <Tooltip title={`${k.definition}（${k.source}）`}>
                  <span>
                    {k.label} <InfoCircleOutlined />
                  </span>
                </Tooltip>
              ),
              key: k.key,
              align: 'right' as const,
              render: (_: unknown, r: DivisionIndicators) => {
                const v = value(r, k.key);
                return (
                  <span data-testid={`indicator-${r.divisionCode}-${k.key}`} data-value={v?.value === null || v === undefined ? '' : String(v.value)}>
                    {v ? formatIndicator(v) : '—'}
                  </span>
                );
              },
            })),
          ]}
        />
      </Card>
      {per1000 ? (
        <Card size="small" style={{ marginTop: 16 }} title={`${inside}分布图：每千人口托位数`}>
          <TileMap
            county={county}
            title="每千人口托位数"
            data={streets.map((s) => {
              const v = value(s, per1000);
              return {
                code: s.divisionCode,
                name: s.divisionName,
                value: v?.value ?? null,
                text: v && v.value !== null ? formatIndicator(v).replace(' 个/千人', '') : '—',
              };
            })}
          />
        </Card>
      ) : null}
    </>
  );
}
