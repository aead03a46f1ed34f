import {
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  StopOutlined,
  BarChartOutlined,
  CalendarOutlined,
  OrderedListOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  LogoutOutlined,
  MobileOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  ToolOutlined,
  UploadOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useCapabilities } from '../api/capabilities';
import { logout, useSession } from '../auth/session';
import { DEPARTMENT_LABELS, label } from '../common/labels';
import { Loading } from '../common/ui';
import DashboardPage from '../dashboard/DashboardPage';
import { ChecklistsPage } from './ChecklistsPage';
import { ComplaintsPage } from './ComplaintsPage';
import { CreditPage } from './CreditPage';
import { FilingDetail } from './FilingDetail';
import { FilingsPage } from './FilingsPage';
import { InspectionDetail, InspectionsPage } from './InspectionsPage';
import { InstitutionsPage } from './InstitutionsPage';
import { OverviewPage } from './OverviewPage';
import { PenaltiesPage } from './PenaltiesPage';
import { PlansPage } from './PlansPage';
import { PostFilingChecksPage } from './PostFilingChecksPage';
import { PopulationPage } from './PopulationPage';
import { RectificationsPage } from './RectificationsPage';
import { RostersPage } from './RostersPage';
import { RulesPage } from './RulesPage';
import { StaffAlertsPage } from './StaffAlertsPage';
import { SubsidyPage } from './SubsidyPage';
import { SubsidyStatementPage } from './SubsidyStatementPage';

interface Entry {
  key: string;
  label: string;
  /** The entry's name in an operator's (举办者) menu, where it shows the operator's own institutions only. */
  operatorLabel?: string;
  icon: ReactNode;
  route: string;
  element: ReactNode;
  /** The route the page reads first: the entry shows only where it is deployed and open to the account's department. */
  needs?: string;
  /** The departments the page is for (the admin sees every page); absent: everyone the route lets in. */
  departments?: readonly string[];
}

/** The supervising departments: the pages of review, planning and oversight are theirs, not an operator's. */
const OFFICIALS = ['health', 'market', 'civil', 'fire', 'police', 'education', 'hrss', 'street', 'finance'] as const;

const ENTRIES: Entry[] = [
  { key: 'overview', label: '工作台', icon: <DashboardOutlined />, route: '', element: <OverviewPage /> },
  {
    key: 'filings',
    operatorLabel: '备案申请',
    label: '备案审核',
    icon: <AuditOutlined />,
    route: 'filings',
    element: <FilingsPage />,
    needs: 'GET /api/v1/filings',
  },
  {
    key: 'institutions',
    operatorLabel: '我的机构',
    label: '机构名录',
    icon: <BankOutlined />,
    route: 'institutions',
    element: <InstitutionsPage />,
    needs: 'GET /api/v1/institutions',
  },
  { key: 'checklists', label: '两张清单', icon: <OrderedListOutlined />, route: 'checklists', element: <ChecklistsPage />, needs: 'GET /api/v1/checklists' },
  {
    key: 'plans',
    departments: OFFICIALS,
    label: '双随机计划',
    icon: <CalendarOutlined />,
    route: 'plans',
    element: <PlansPage />,
    needs: 'GET /api/v1/inspection-plans',
  },
  {
    key: 'post-filing',
    label: '备案后核查',
    icon: <FileDoneOutlined />,
    route: 'post-filing-checks',
    element: <PostFilingChecksPage />,
    needs: 'GET /api/v1/post-filing-checks',
  },
  {
    key: 'inspections',
    operatorLabel: '检查记录',
    label: '联合检查',
    icon: <FileSearchOutlined />,
    route: 'inspections',
    element: <InspectionsPage />,
    needs: 'GET /api/v1/inspections',
  },
  {
    key: 'rectifications',
    label: '整改跟踪',
    icon: <ToolOutlined />,
    route: 'rectifications',
    element: <RectificationsPage />,
    needs: 'GET /api/v1/rectifications',
  },
  { key: 'penalties', label: '行政处罚', icon: <StopOutlined />, route: 'penalties', element: <PenaltiesPage />, needs: 'GET /api/v1/penalties' },
  { key: 'complaints', label: '投诉举报', icon: <WarningOutlined />, route: 'complaints', element: <ComplaintsPage />, needs: 'GET /api/v1/complaints' },
  { key: 'staff', label: '从业人员预警', icon: <TeamOutlined />, route: 'staff-alerts', element: <StaffAlertsPage />, needs: 'GET /api/v1/staff-stats' },
  {
    key: 'credit',
    operatorLabel: '信用信息',
    label: '信用监管',
    icon: <SafetyCertificateOutlined />,
    route: 'credit',
    element: <CreditPage />,
    needs: 'GET /api/v1/credit/institutions/{id}',
  },
  { key: 'subsidy', label: '补助发放', icon: <MoneyCollectOutlined />, route: 'subsidy', element: <SubsidyPage />, needs: 'GET /api/v1/subsidy/runs/{id}' },
  {
    key: 'subsidy-statement',
    label: '补助对账单',
    icon: <MoneyCollectOutlined />,
    route: 'subsidy-statement',
    element: <SubsidyStatementPage />,
    needs: 'GET /api/v1/subsidy/ledger',
    departments: ['operator'],
  },
  {
    key: 'rosters',
    label: '收托名册',
    icon: <FileExcelOutlined />,
    route: 'rosters',
    element: <RostersPage />,
    needs: 'GET /api/v1/institutions/{id}/rosters/{month}',
  },
  { key: 'indicators', label: '指标看板', icon: <BarChartOutlined />, route: 'indicators', element: <DashboardPage />, needs: 'GET /api/v1/indicators' },
  {
    key: 'rules',
    departments: OFFICIALS,
    label: '分级规则',
    icon: <BookOutlined />,
    route: 'rules',
    element: <RulesPage />,
    needs: 'GET /api/v1/rules/effective',
  },
  {
    key: 'population',
    departments: OFFICIALS,
    label: '人口数据',
    icon: <UploadOutlined />,
    route: 'population',
    element: <PopulationPage />,
    needs: 'GET /api/v1/population',
  },
];

/** 部门工作台: what each department reviews, follows up and decides. */
export default function ConsoleApp() {
  const session = useSession();
  const has = useCapabilities();
  const location = useLocation();
  const navigate = useNavigate();
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!has) return <Loading />;
  const isOperator = session.department === 'operator';
  const forDepartment = (e: Entry) => !e.departments || session.department === 'admin' || e.departments.includes(session.department);
  const visible = ENTRIES.filter((e) => forDepartment(e) && (!e.needs || has(e.needs))).map((e) =>
    isOperator && e.operatorLabel ? { ...e, label: e.operatorLabel } : e,
  );
  const current =
    visible.find((e) => e.route && (location.pathname === `/app/${e.route}` || location.pathname.startsWith(`/app/${e.route}/`)))?.key ?? 'overview';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={210} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '18px 16px', fontWeight: 600, fontSize: 16, color: '#1f5fbf' }}>善育 · 部门工作台</div>
        <nav aria-label="工作台导航">
          <Menu
            mode="inline"
            selectedKeys={[current]}
            items={visible.map((e) => ({ key: e.key, icon: e.icon, label: <Link to={`/app/${e.route}`}>{e.label}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 20px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #eee',
          }}
        >
          <Typography.Text strong>托育机构综合监管平台</Typography.Text>
          <Space wrap>
            {has('GET /api/v1/inspections') && !isOperator ? (
              <Link to="/inspector">
                <MobileOutlined /> 执法检查（移动端）
              </Link>
            ) : null}
            <span data-testid="whoami">
              {label(DEPARTMENT_LABELS, session.department)} · {session.username}
            </span>
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await logout();
                void navigate('/login');
              }}
            >
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 20 }}>
          <main>
            <Routes>
              <Route index element={<OverviewPage />} />
              {visible
                .filter((e) => e.route)
                .map((e) => (
                  <Route key={e.key} path={e.route} element={e.element} />
                ))}
              {has('GET /api/v1/filings/{id}') ? <Route path="filings/:id" element={<FilingDetail />} /> : null}
              {has('GET /api/v1/inspections/{id}') ? <Route path="inspections/:id" element={<InspectionDetail />} /> : null}
              <Route path="*" element={<Navigate to="/app" replace />} />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
