// The signed-in frame: side menu by role, header with the user, language and logout.
import { LogoutOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { navFor } from './navigation.js';

export function AppLayout() {
  const { user, loading, logout } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (loading) return <div className="centered-page">{t('common.loading')}</div>;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  const items = navFor(user.role).map((item) => ({ key: item.path, label: t(item.label) }));
  const selected = items.find((i) => location.pathname.startsWith(i.key))?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={200}>
        <div className="brand">
          <PhoneOutlined /> {t('app.shortName')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
          data-testid="main-nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Space>
            <Typography.Text strong data-testid="current-user">
              {user.displayName}
            </Typography.Text>
            <Tag color="blue">{t(`role.${user.role}`)}</Tag>
            <LanguageSwitch saveToAccount />
            <Button
              type="text"
              icon={<LogoutOutlined />}
              onClick={async () => {
                await logout();
                navigate('/login', { replace: true });
              }}
            >
              {t('nav.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
