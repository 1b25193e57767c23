// Routes and providers. antd gets the matching zh-CN / en-US locale so its own texts
// (pagination, empty states, date pickers) follow the UI language.
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { UsersPage } from './admin/UsersPage.js';
import { LoginPage } from './auth/LoginPage.js';
import { SetupPage } from './auth/SetupPage.js';
import { SessionProvider, useSession } from './auth/use-session.js';
import { ClassesPage } from './classes/ClassesPage.js';
import { I18nProvider, useI18n } from './i18n/use-i18n.js';
import { AppLayout } from './layout/AppLayout.js';
import { homePathFor } from './layout/navigation.js';
import { RequireRole } from './layout/RequireRole.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PlannedPage } from './pages/PlannedPage.js';
import { ScriptsPage } from './scripts/ScriptsPage.js';
import { SoftphonePage } from './softphone/SoftphonePage.js';

function Home() {
  const { user, loading } = useSession();
  if (loading) return null;
  return <Navigate to={user ? homePathFor(user.role) : '/login'} replace />;
}

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      theme={{
        token: { colorPrimary: '#1677ff', borderRadius: 6 },
        components: { Layout: { headerBg: '#fff', headerPadding: '0 24px' } },
      }}
    >
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/setup" element={<SetupPage />} />
              <Route path="/" element={<Home />} />
              <Route element={<AppLayout />}>
                <Route
                  path="/softphone"
                  element={
                    <RequireRole roles={['trainee']}>
                      <SoftphonePage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/drills"
                  element={
                    <RequireRole roles={['trainee']}>
                      <PlannedPage title="placeholder.drills" />
                    </RequireRole>
                  }
                />
                <Route
                  path="/results"
                  element={
                    <RequireRole roles={['trainee']}>
                      <PlannedPage title="placeholder.results" />
                    </RequireRole>
                  }
                />
                <Route
                  path="/recordings"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <PlannedPage title="placeholder.recordings" />
                    </RequireRole>
                  }
                />
                <Route
                  path="/classes"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <ClassesPage />
                    </RequireRole>
                  }
                />
                <Route path="/contests" element={<PlannedPage title="placeholder.contests" />} />
                <Route
                  path="/admin/users"
                  element={
                    <RequireRole roles={['admin']}>
                      <UsersPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/admin/scripts"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <ScriptsPage />
                    </RequireRole>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
