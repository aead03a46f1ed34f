import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/types';
import { dateTime, yuan } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, PageHeader, useLoad } from '../common/ui';
import { type RunLine, RunLinesTable } from './RunLinesTable';

interface LedgerEntry {
  id: string;
  runId: string;
  month: string;
  institutionId: string;
  institutionName: string;
  divisionCode: string;
  amountFen: number;
  lines: number;
  postedAt: string;
}

/**
 * 补助对账单: what each posted subsidy run paid the operator's own institutions, month by month,
 * and for each payment the lines behind it — each child by roster row, the rule and why.
 */
export function SubsidyStatementPage() {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<LedgerEntry | null>(null);
  const ledger = useLoad((signal) => api<Page<LedgerEntry>>('/api/v1/subsidy/ledger', { query: { page, pageSize: 50 }, signal }), [page]);
  const lines = useLoad(
    (signal) =>
      open
        ? api<{ items: RunLine[] }>(`/api/v1/subsidy/runs/${open.runId}/lines`, { query: { institutionId: open.institutionId, pageSize: 2000 }, signal })
        : Promise.resolve(undefined),
    [open?.id],
  );
  return (
    <>
      <PageHeader title="补助对账单">本机构已入账的补助：每月金额及逐名婴幼儿的计算明细（按名册序号），与报送的收托名册对照。</PageHeader>
      {ledger.error ? (
        <LoadError error={ledger.error} />
      ) : (
        <DataTable<LedgerEntry>
          rowKey="id"
          loading={ledger.loading}
          dataSource={ledger.data?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: ledger.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          exportName="补助对账单"
          exportColumns={[
            { title: '月份', value: (r) => r.month },
            { title: '机构', value: (r) => r.institutionName },
            { title: '所在地区', value: (r) => divisionName(r.divisionCode) },
            { title: '金额（元）', value: (r) => r.amountFen / 100 },
            { title: '明细条数', value: (r) => r.lines },
            { title: '入账时间', value: (r) => dateTime(r.postedAt) },
          ]}
          columns={[
            { title: '月份', dataIndex: 'month' },
            { title: '机构', dataIndex: 'institutionName' },
            { title: '所在地区', dataIndex: 'divisionCode', render: (v: string) => divisionName(v) },
            { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
            { title: '明细条数', dataIndex: 'lines', align: 'right' },
            { title: '入账时间', dataIndex: 'postedAt', render: (v: string) => dateTime(v) },
            {
              title: '明细',
              key: 'lines-link',
              render: (_: unknown, r) => (
                <Button size="small" onClick={() => setOpen(r)}>
                  查看明细
                </Button>
              ),
            },
          ]}
        />
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size="large" title={open ? `${open.month} · ${open.institutionName} 补助明细` : ''}>
        {lines.error ? (
          <LoadError error={lines.error} />
        ) : (
          <RunLinesTable lines={lines.data?.items ?? []} loading={lines.loading} exportName={`补助明细-${open?.month ?? ''}-${open?.institutionName ?? ''}`} />
        )}
      </Drawer>
    </>
  );
}
