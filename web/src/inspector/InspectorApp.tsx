import { CloudSyncOutlined, DisconnectOutlined, LogoutOutlined } from '@ant-design/icons';
import { Badge, Button, Space } from 'antd';
import { useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { logout, useSession } from '../auth/session';
import { DEPARTMENT_LABELS, label } from '../common/labels';
import { startBackgroundSync, syncNow } from './sync';
import { useOnline, usePending } from './useSyncState';
import { VisitList } from './VisitList';
import { VisitPage } from './VisitPage';

/** 执法检查 on a phone: assigned visits, the merged form, offline with a sync queue. */
export default function InspectorApp() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const online = useOnline();
  const pending = usePending();
  useEffect(() => startBackgroundSync(), []);
  if (!session) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  const waiting = pending.results.length;
  return (
    <div className="inspector-shell">
      <header className="inspector-bar">
        <Link to="/inspector" style={{ fontWeight: 600, fontSize: 16 }}>
          善育 · 执法检查
        </Link>
        <Space size={10}>
          <span data-testid="network-state" aria-live="polite">
            {online ? (
              <>
                <CloudSyncOutlined /> 在线
              </>
            ) : (
              <>
                <DisconnectOutlined /> 离线
              </>
            )}
          </span>
          <Badge count={waiting} size="small" offset={[4, -2]} title={`${waiting} 项未同步`}>
            <Button size="small" ghost onClick={() => void syncNow()} disabled={!online || !waiting} aria-label="立即同步">
              同步
            </Button>
          </Badge>
          <Button
            size="small"
            type="text"
            icon={<LogoutOutlined />}
            aria-label="退出登录"
            onClick={async () => {
              if (waiting && !window.confirm(`还有 ${waiting} 项记录未同步，退出后仍保存在本机，重新登录后同步。确定退出？`)) return;
              await logout();
              void navigate('/login?next=/inspector');
            }}
          />
        </Space>
      </header>
      <div style={{ background: '#e8eef8', padding: '4px 14px', fontSize: 13 }}>
        {label(DEPARTMENT_LABELS, session.department)} · {session.username}
      </div>
      <div className="inspector-body">
        <Routes>
          <Route index element={<VisitList />} />
          <Route path="visits/:id" element={<VisitPage />} />
        </Routes>
      </div>
    </div>
  );
}
