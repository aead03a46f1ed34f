import { Layout, Menu } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router';
import { DoorCodePage } from './DoorCodePage';
import { InstitutionPage } from './InstitutionPage';
import { PlansPublicPage } from './PlansPublicPage';
import { ReceiptPage } from './ReceiptPage';
import { RegisterSearch } from './RegisterSearch';

/** 公示: the register, an institution's page and receipt verification — no login. */
export default function PublicApp() {
  const location = useLocation();
  const selected = location.pathname.startsWith('/public/receipts') ? 'receipts' : location.pathname.startsWith('/public/plans') ? 'plans' : 'register';
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <header className="public-hero">
        <h1>善育 · 托育机构公示</h1>
        <div>查询已备案托育机构、普惠认定、信用等级与监督检查结果；核验备案回执</div>
      </header>
      <nav aria-label="公示导航" style={{ background: '#fff' }}>
        <Menu
          mode="horizontal"
          selectedKeys={[selected]}
          style={{ maxWidth: 1100, margin: '0 auto' }}
          items={[
            { key: 'register', label: <Link to="/public">机构名录</Link> },
            { key: 'plans', label: <Link to="/public/plans">双随机抽查公示</Link> },
            { key: 'receipts', label: <Link to="/public/receipts">回执核验</Link> },
            { key: 'login', label: <Link to="/login">工作人员登录</Link> },
          ]}
        />
      </nav>
      <main className="public-main">
        <Routes>
          <Route index element={<RegisterSearch />} />
          <Route path="institutions/:id" element={<InstitutionPage />} />
          <Route path="institutions/:id/door-code" element={<DoorCodePage />} />
          <Route path="plans" element={<PlansPublicPage />} />
          <Route path="receipts" element={<ReceiptPage />} />
          <Route path="receipts/:receiptNo" element={<ReceiptPage />} />
        </Routes>
      </main>
    </Layout>
  );
}
