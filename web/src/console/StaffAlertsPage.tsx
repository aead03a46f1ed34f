import { Card, Col, Row, Statistic, Tabs, Tag } from 'antd';
import { api } from '../api/client';
import { useCapabilities } from '../api/capabilities';
import { homeDivision, useSession } from '../auth/session';
import { dateTime } from '../common/labels';
import { divisionName } from '../common/divisions';
import { DataTable, LoadError, Loading, PageHeader, useLoad } from '../common/ui';

interface RateView {
  required: number;
  holding: number;
  rate: number | null;
}
interface DivisionStaffStats {
  divisionCode: string;
  asOf: string;
  institutions: number;
  activeStaff: number;
  certificate: RateView & { target: number | null; meetsTarget: boolean | null; institutionsBelowTarget: number };
  healthCertificate: RateView;
  ratioBreaches: { institutionId: string; institutionName: string; classType: string; children: number; carers: number; requiredCarers: number }[];
  flagged: number;
  recheckOverdue: number;
  items: {
    institutionId: string;
    institutionName: string;
    activeStaff: number;
    certificate: RateView & { meetsTarget: boolean | null };
    healthCertificate: RateView;
    flagged: number;
    recheckOverdue: number;
  }[];
}
interface OverdueRecheck {
  staffId: string;
  institutionName: string;
  divisionCode: string;
  name: string;
  role: string;
  lastCheckedOn: string | null;
  dueOn: string;
  daysOverdue: number;
}
interface Ban {
  id: string;
  name: string;
  idNumber: string;
  kind: string;
  startsOn: string;
  endsOn: string | null;
  authority: string;
  documentNo: string;
  matchedStaff: unknown[];
  createdAt: string;
}

const pct = (r: RateView | undefined) => (r?.rate === null || r?.rate === undefined ? '—' : `${(r.rate * 100).toFixed(1)}%`);
const CLASS_LABELS: Record<string, string> = { infant: '乳儿班', toddler: '托小班', older: '托大班', mixed: '混龄班' };

export function StaffAlertsPage() {
  const session = useSession();
  const has = useCapabilities();
  const divisionCode = homeDivision(session);
  const stats = useLoad((signal) => api<DivisionStaffStats>('/api/v1/staff-stats', { query: { divisionCode }, signal }), [divisionCode]);
  const rechecks = useLoad(
    (signal) => api<{ today: string; items: OverdueRecheck[] }>('/api/v1/staff/rechecks/overdue', { query: { divisionCode }, signal }),
    [divisionCode],
  );
  const canSeeBans = !!has?.('GET /api/v1/bans') && ['police', 'health'].includes(session?.department ?? '');
  const bans = useLoad(
    (signal) => (canSeeBans ? api<{ items: Ban[] }>('/api/v1/bans', { query: { pageSize: 200 }, signal }) : Promise.resolve({ items: [] as Ban[] })),
    [canSeeBans],
  );
  const s = stats.data;
  return (
    <>
      <PageHeader title={`从业人员预警 · ${divisionName(divisionCode)}`}>
        持证率（目标 ≥ 90%）、健康证明、师幼比、年度违法犯罪记录复查与从业禁止名单比对。
      </PageHeader>
      {stats.loading ? (
        <Loading />
      ) : stats.error ? (
        <LoadError error={stats.error} />
      ) : s ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="在职人员" value={s.activeStaff} suffix={`人 / ${s.institutions} 家`} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title="持证率（目标 90%）"
                value={pct(s.certificate)}
                styles={{ content: { color: s.certificate.meetsTarget === false ? '#c62828' : undefined } }}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="健康证明有效率" value={pct(s.healthCertificate)} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card>
              <Statistic title="被标记人员 / 复查逾期" value={`${s.flagged} / ${s.recheckOverdue}`} />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Tabs
        items={[
          {
            key: 'ratio',
            label: `师幼比不达标 ${s?.ratioBreaches.length ?? ''}`,
            children: (
              <DataTable
                rowKey={(r) => r.institutionId + r.classType}
                dataSource={s?.ratioBreaches ?? []}
                pagination={{ pageSize: 20 }}
                exportName="师幼比不达标"
                exportColumns={[
                  { title: '机构', value: (r) => r.institutionName },
                  { title: '班型', value: (r) => CLASS_LABELS[r.classType] ?? r.classType },
                  { title: '幼儿数', value: (r) => r.children },
                  { title: '保育人员', value: (r) => r.carers },
                  { title: '应配', value: (r) => r.requiredCarers },
                ]}
                columns={[
                  { title: '机构', dataIndex: 'institutionName' },
                  { title: '班型', dataIndex: 'classType', render: (v: string) => CLASS_LABELS[v] ?? v },
                  { title: '幼儿数', dataIndex: 'children' },
                  { title: '保育人员', dataIndex: 'carers' },
                  { title: '应配', dataIndex: 'requiredCarers', render: (v: number) => <Tag color="red">{v}</Tag> },
                ]}
              />
            ),
          },
          {
            key: 'cert',
            label: '各机构持证情况',
            children: (
              <DataTable
                rowKey="institutionId"
                dataSource={s?.items ?? []}
                pagination={{ pageSize: 20 }}
                exportName="各机构持证情况"
                exportColumns={[
                  { title: '机构', value: (r) => r.institutionName },
                  { title: '在职', value: (r) => r.activeStaff },
                  { title: '持证率', value: (r) => pct(r.certificate) },
                  { title: '健康证明', value: (r) => pct(r.healthCertificate) },
                  { title: '被标记', value: (r) => r.flagged },
                  { title: '复查逾期', value: (r) => r.recheckOverdue },
                ]}
                columns={[
                  { title: '机构', dataIndex: 'institutionName' },
                  { title: '在职', dataIndex: 'activeStaff' },
                  {
                    title: '持证率',
                    key: 'c',
                    render: (_: unknown, r) => <span style={{ color: r.certificate.meetsTarget === false ? '#c62828' : undefined }}>{pct(r.certificate)}</span>,
                  },
                  { title: '健康证明', key: 'h', render: (_: unknown, r) => pct(r.healthCertificate) },
                  { title: '被标记', dataIndex: 'flagged' },
                  { title: '复查逾期', dataIndex: 'recheckOverdue' },
                ]}
              />
            ),
          },
          {
            key: 'recheck',
            label: `年度复查逾期 ${rechecks.data?.items.length ?? ''}`,
            children: rechecks.error ? (
              <LoadError error={rechecks.error} />
            ) : (
              <DataTable<OverdueRecheck>
                rowKey="staffId"
                loading={rechecks.loading}
                dataSource={rechecks.data?.items ?? []}
                pagination={{ pageSize: 20 }}
                exportName="年度违法犯罪记录复查逾期"
                exportColumns={[
                  { title: '姓名', value: (r) => r.name },
                  { title: '机构', value: (r) => r.institutionName },
                  { title: '上次查询', value: (r) => r.lastCheckedOn ?? '' },
                  { title: '应查日期', value: (r) => r.dueOn },
                  { title: '逾期天数', value: (r) => r.daysOverdue },
                ]}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '机构', dataIndex: 'institutionName' },
                  { title: '上次查询', dataIndex: 'lastCheckedOn', render: (v: string | null) => v ?? '从未' },
                  { title: '应查日期', dataIndex: 'dueOn' },
                  { title: '逾期天数', dataIndex: 'daysOverdue', render: (v: number) => <Tag color="red">{v}</Tag> },
                ]}
              />
            ),
          },
          ...(canSeeBans
            ? [
                {
                  key: 'bans',
                  label: '从业禁止名单',
                  children: (
                    <DataTable<Ban>
                      rowKey="id"
                      loading={bans.loading}
                      dataSource={bans.data?.items ?? []}
                      pagination={{ pageSize: 20 }}
                      exportName="从业禁止名单"
                      exportColumns={[
                        { title: '姓名', value: (r) => r.name },
                        { title: '身份证号（脱敏）', value: (r) => r.idNumber },
                        { title: '起始', value: (r) => r.startsOn },
                        { title: '截止', value: (r) => r.endsOn ?? '终身' },
                        { title: '决定机关', value: (r) => r.authority },
                        { title: '文号', value: (r) => r.documentNo },
                        { title: '命中在职人员', value: (r) => r.matchedStaff.length },
                      ]}
                      columns={[
                        { title: '姓名', dataIndex: 'name' },
                        { title: '身份证号', dataIndex: 'idNumber' },
                        { title: '期限', key: 'p', render: (_: unknown, r) => `${r.startsOn} 至 ${r.endsOn ?? '终身'}` },
                        { title: '决定机关', dataIndex: 'authority' },
                        {
                          title: '命中在职人员',
                          key: 'm',
                          render: (_: unknown, r) => (r.matchedStaff.length ? <Tag color="red">{r.matchedStaff.length}</Tag> : 0),
                        },
                        { title: '登记时间', dataIndex: 'createdAt', render: (v: string) => dateTime(v) },
                      ]}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
