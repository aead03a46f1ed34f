import { Button, Card, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Page, PublicInstitution } from '../api/types';
import { CARE_FORM_LABELS, OPERATOR_TYPE_LABELS, label, yuan } from '../common/labels';
import { coveredCounties, streetsOf } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';

const PAGE_SIZE = 20;

export function RegisterSearch() {
  const [params, setParams] = useSearchParams();
  const county = params.get('county') ?? '';
  const divisionCode = params.get('divisionCode') ?? county;
  const inclusive = params.get('inclusive') ?? '';
  const careForm = params.get('careForm') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1');
  const [form] = Form.useForm();
  const [selectedCounty, setSelectedCounty] = useState(county);

  const { data, error, loading } = useLoad(
    (signal) =>
      api<Page<PublicInstitution>>('/api/v1/public/institutions', { query: { divisionCode, inclusive, careForm, q, page, pageSize: PAGE_SIZE }, signal }),
    [divisionCode, inclusive, careForm, q, page],
  );

  const search = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
    setParams(next);
  };

  return (
    <>
      <PageHeader title="已备案托育机构名录">按区县、街道、普惠与服务形式查询。名录只列出已取得备案回执的机构。</PageHeader>
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ county, divisionCode: divisionCode !== county ? divisionCode : undefined, inclusive, careForm, q }}
          onFinish={search}
          style={{ rowGap: 12 }}
        >
          <Form.Item label="区县" name="county">
            <Select
              id="county"
              aria-label="区县"
              style={{ width: 150 }}
              showSearch
              optionFilterProp="label"
              allowClear
              placeholder="全部"
              options={coveredCounties().map((c) => ({ value: c.code, label: c.name }))}
              onChange={(v: string | undefined) => {
                setSelectedCounty(v ?? '');
                form.setFieldValue('divisionCode', undefined);
              }}
            />
          </Form.Item>
          <Form.Item label="街道（乡镇）" name="divisionCode">
            <Select
              id="street"
              aria-label="街道"
              style={{ width: 150 }}
              showSearch
              optionFilterProp="label"
              allowClear
              placeholder="全部"
              disabled={!selectedCounty}
              options={selectedCounty ? streetsOf(selectedCounty).map((s) => ({ value: s.code, label: s.name })) : []}
            />
          </Form.Item>
          <Form.Item label="普惠" name="inclusive">
            <Select
              id="inclusive"
              aria-label="普惠"
              style={{ width: 120 }}
              options={[
                { value: '', label: '不限' },
                { value: 'true', label: '普惠' },
                { value: 'false', label: '非普惠' },
              ]}
            />
          </Form.Item>
          <Form.Item label="服务形式" name="careForm">
            <Select
              id="careForm"
              aria-label="服务形式"
              style={{ width: 120 }}
              options={[{ value: '', label: '不限' }, ...Object.entries(CARE_FORM_LABELS).map(([value, l]) => ({ value, label: l }))]}
            />
          </Form.Item>
          <Form.Item label="名称" name="q">
            <Input id="q" placeholder="机构名称关键字" allowClear style={{ width: 180 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form>
      </Card>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<PublicInstitution>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          heading={data ? <span aria-live="polite">共 {data.total} 家机构</span> : null}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const n = new URLSearchParams(params);
              n.set('page', String(p));
              setParams(n);
            },
          }}
          exportName="已备案托育机构名录"
          exportColumns={[
            { title: '机构名称', value: (r) => r.name },
            { title: '所在街道', value: (r) => r.divisionName },
            { title: '地址', value: (r) => r.address },
            { title: '举办类型', value: (r) => label(OPERATOR_TYPE_LABELS, r.operatorType) },
            { title: '服务形式', value: (r) => r.careForms.map((f) => label(CARE_FORM_LABELS, f)).join('、') },
            { title: '托位数', value: (r) => r.totalPlaces },
            { title: '普惠托位', value: (r) => r.inclusive?.inclusivePlaces ?? 0 },
            { title: '普惠收费上限（元/月）', value: (r) => (r.inclusive ? r.inclusive.priceCapFen / 100 : '') },
            { title: '备案回执编号', value: (r) => r.receiptNo },
            { title: '备案日期', value: (r) => r.filedOn ?? '' },
            { title: '示范年份', value: (r) => r.demonstrationYears.join('、') },
            { title: '信用等级', value: (r) => r.creditGrade ?? '' },
          ]}
          columns={[
            { title: '机构名称', dataIndex: 'name', render: (name: string, r) => <Link to={`/public/institutions/${r.id}`}>{name}</Link> },
            { title: '所在街道', dataIndex: 'divisionName' },
            { title: '举办类型', dataIndex: 'operatorType', render: (v: string) => label(OPERATOR_TYPE_LABELS, v) },
            { title: '服务形式', dataIndex: 'careForms', render: (v: string[]) => v.map((f) => <Tag key={f}>{label(CARE_FORM_LABELS, f)}</Tag>) },
            { title: '托位', dataIndex: 'totalPlaces', align: 'right' },
            {
              title: '普惠',
              dataIndex: 'inclusive',
              render: (v: PublicInstitution['inclusive']) =>
                v ? (
                  <Space direction="vertical" size={0}>
                    <Tag color="green">普惠</Tag>
                    <span>{yuan(v.priceCapFen)}/月</span>
                  </Space>
                ) : (
                  <span>—</span>
                ),
            },
            { title: '信用等级', dataIndex: 'creditGrade', render: (v: string | null | undefined) => v ?? '—' },
            { title: '示范', dataIndex: 'demonstrationYears', render: (v: number[]) => (v.length ? <Tag color="gold">示范 {v.join('、')}</Tag> : '—') },
            { title: '备案回执', dataIndex: 'receiptNo', render: (v: string) => <Link to={`/public/receipts/${encodeURIComponent(v)}`}>{v}</Link> },
          ]}
        />
      )}
    </>
  );
}
