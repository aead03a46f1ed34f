import { Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Institution, Page } from '../api/types';
import { CARE_FORM_LABELS, INSTITUTION_STATUS_LABELS, OPERATOR_TYPE_LABELS, label } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';
import { useSession } from '../auth/session';
import { RegisterInstitutionDrawer } from './RegisterInstitutionDrawer';
import { SubmitFilingDrawer } from './SubmitFilingDrawer';

export function InstitutionsPage() {
  const [status, setStatus] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const isOperator = useSession()?.department === 'operator';
  const { data, error, loading, reload } = useLoad(
    (signal) => api<Page<Institution>>('/api/v1/institutions', { query: { status, q, page, pageSize: 50 }, signal }),
    [status, q, page],
  );
  return (
    <>
      {isOperator ? (
        <PageHeader title="我的机构" extra={<RegisterInstitutionDrawer onRegistered={reload} />}>
          本账号举办的托育机构。登记后提交备案；取得备案回执后机构进入公示名录。
        </PageHeader>
      ) : (
        <PageHeader title="机构名录">辖区内已登记的托育机构（含未备案、已注销）。</PageHeader>
      )}
      <Space style={{ marginBottom: 12 }} wrap>
        <Select
          aria-label="状态"
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(INSTITUTION_STATUS_LABELS).map(([value, l]) => ({ value, label: l }))}
        />
        <Input.Search
          aria-label="名称"
          placeholder="机构名称"
          allowClear
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 220 }}
        />
      </Space>
      {error ? (
        <LoadError error={error} />
      ) : (
        <DataTable<Institution>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          heading={data ? `共 ${data.total} 家` : null}
          pagination={{ current: page, pageSize: 50, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          exportName="机构名录"
          exportColumns={[
            { title: '机构名称', value: (r) => r.name },
            { title: '统一社会信用代码', value: (r) => r.uscc },
            { title: '所在地区', value: (r) => divisionName(r.divisionCode) },
            { title: '地址', value: (r) => r.address },
            { title: '举办类型', value: (r) => label(OPERATOR_TYPE_LABELS, r.operatorType) },
            { title: '服务形式', value: (r) => r.careForms.map((f) => label(CARE_FORM_LABELS, f)).join('、') },
            { title: '托位数', value: (r) => r.totalPlaces },
            { title: '普惠托位', value: (r) => r.inclusive?.inclusivePlaces ?? 0 },
            { title: '状态', value: (r) => label(INSTITUTION_STATUS_LABELS, r.status) },
            { title: '回执编号', value: (r) => r.receiptNo ?? '' },
          ]}
          columns={[
            { title: '机构名称', dataIndex: 'name' },
            { title: '所在地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '举办类型', dataIndex: 'operatorType', render: (v: string) => label(OPERATOR_TYPE_LABELS, v) },
            { title: '托位', dataIndex: 'totalPlaces', align: 'right' },
            { title: '普惠', dataIndex: 'inclusive', render: (v: Institution['inclusive']) => (v ? <Tag color="green">普惠 {v.inclusivePlaces}</Tag> : '—') },
            {
              title: '状态',
              dataIndex: 'status',
              render: (v: string) => (
                <Tag color={v === 'filed' ? 'blue' : v === 'filing_rejected' ? 'red' : undefined}>{label(INSTITUTION_STATUS_LABELS, v)}</Tag>
              ),
            },
            { title: '回执编号', dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
            ...(isOperator
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    render: (_: unknown, r: Institution) =>
                      r.status === 'registered' || r.status === 'filing_rejected' ? <SubmitFilingDrawer institution={r} /> : null,
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}
