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
import { ContestPage } from './contests/ContestPage.js';
import { ContestsPage } from './contests/ContestsPage.js';
import { DrillsPage } from './drills/DrillsPage.js';
import { ProgressPage } from './drills/progress/ProgressPage.js';
import { I18nProvider, useI18n } from './i18n/use-i18n.js';
import { AppLayout } from './layout/AppLayout.js';
import { homePathFor } from './layout/navigation.js';
import { RequireRole } from './layout/RequireRole.js';
import { CampaignsPage } from './outbound/CampaignsPage.js';
import { WorklistPage } from './outbound/WorklistPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ResultsPage } from './results/ResultsPage.js';
import { MyReviewsPage } from './review/MyReviewsPage.js';
import { RecordingsPage } from './review/RecordingsPage.js';
import { ReviewPage } from './review/ReviewPage.js';
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
                  path="/outbound"
                  element={
                    <RequireRole roles={['trainee']}>
                      <WorklistPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/outbound/campaigns"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <CampaignsPage />
                    </RequireRole>
                  }
                />
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
                      <DrillsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/progress"
                  element={
                    <RequireRole roles={['trainee', 'evaluator', 'admin']}>
                      <ProgressPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/results/:callId?"
                  element={
                    <RequireRole roles={['trainee']}>
                      <ResultsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/recordings"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <RecordingsPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/recordings/:callId"
                  element={
                    <RequireRole roles={['evaluator', 'admin']}>
                      <ReviewPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/reviews"
                  element={
                    <RequireRole roles={['trainee']}>
                      <MyReviewsPage />
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
                <Route path="/contests" element={<ContestsPage />} />
                <Route path="/contests/:id" element={<ContestPage />} />
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
