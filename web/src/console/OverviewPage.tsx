import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useCapabilities } from '../api/capabilities';
import type { Page } from '../api/types';
import { useSession } from '../auth/session';
import { DEPARTMENT_LABELS, label } from '../common/labels';
import { PageHeader, useLoad } from '../common/ui';

/** One number per thing waiting for the department, each linking to its list. */
export function OverviewPage() {
  const session = useSession();
  const has = useCapabilities();
  const count = (path: string, query: Record<string, string>) => async (signal: AbortSignal) =>
    (await api<Page<unknown>>(path, { query: { ...query, pageSize: 1 }, signal })).total;
  return (
    <>
      <PageHeader title={`工作台 · ${label(DEPARTMENT_LABELS, session?.department)}`}>辖区 {session?.divisions.join('、') || '全部'} 待办事项一览。</PageHeader>
      <Row gutter={[16, 16]}>
        {has?.('GET /api/v1/filings') ? <Tile title="待审核备案" to="/app/filings" load={count('/api/v1/filings', { status: 'submitted' })} /> : null}
        {has?.('GET /api/v1/filings') ? <Tile title="逾期未办备案" to="/app/filings" load={count('/api/v1/filings', { overdue: 'true' })} danger /> : null}
        {has?.('GET /api/v1/inspections') ? (
          <Tile title="进行中的联合检查" to="/app/inspections" load={count('/api/v1/inspections', { status: 'open' })} />
        ) : null}
        {has?.('GET /api/v1/rectifications') ? (
          <Tile title="待整改问题" to="/app/rectifications" load={count('/api/v1/rectifications', { status: 'open' })} />
        ) : null}
        {has?.('GET /api/v1/rectifications') ? (
          <Tile title="逾期未整改" to="/app/rectifications" load={count('/api/v1/rectifications', { status: 'overdue' })} danger />
        ) : null}
        {has?.('GET /api/v1/complaints') ? <Tile title="待受理投诉" to="/app/complaints" load={count('/api/v1/complaints', { status: 'received' })} /> : null}
      </Row>
    </>
  );
}

function Tile({ title, to, load, danger }: { title: string; to: string; load: (signal: AbortSignal) => Promise<number>; danger?: boolean }) {
  const { data, error } = useLoad(load, [to, title]);
  return (
    <Col xs={12} md={8} lg={6}>
      <Link to={to}>
        <Card hoverable>
          <Statistic title={title} value={error ? '—' : (data ?? '…')} styles={{ content: { color: danger && data ? '#c62828' : undefined } }} />
        </Card>
      </Link>
    </Col>
  );
}
