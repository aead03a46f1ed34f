import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Loading } from './common/ui';
import { LoginPage } from './auth/LoginPage';

dayjs.locale('zh-cn');

const PublicApp = lazy(() => import('./public/PublicApp'));
const ConsoleApp = lazy(() => import('./console/ConsoleApp'));
const InspectorApp = lazy(() => import('./inspector/InspectorApp'));

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Navigate to="/public" replace />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/public/*" element={<PublicApp />} />
              <Route path="/app/*" element={<ConsoleApp />} />
              <Route path="/inspector/*" element={<InspectorApp />} />
              <Route path="*" element={<Navigate to="/public" replace />} />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
