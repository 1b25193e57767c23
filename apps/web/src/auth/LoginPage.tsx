// Login page: username and password, errors in the UI language, a link to first-run
// setup while no admin exists, and the language switch before logging in.
import type { SessionDto, SetupStatusDto } from '@callsim/protocol';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { LanguageSwitch } from '../layout/LanguageSwitch.js';
import { homePathFor } from '../layout/navigation.js';
import { useSession } from './use-session.js';

export function LoginPage() {
  const { t, errorText } = useI18n();
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsSetup, setNeedsSetup] = useState(false);

  useEffect(() => {
    api<SetupStatusDto>('/setup/status')
      .then((s) => setNeedsSetup(s.needsSetup))
      .catch(() => undefined);
  }, []);

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const session = await api<SessionDto>('/auth/login', { method: 'POST', json: values });
      setSession(session);
      navigate(homePathFor(session.user.role), { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError && e.code !== 'NETWORK'
          ? errorText(e.code, e.details)
          : t('common.networkError'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="centered-page">
      <Card style={{ width: 380 }} title={t('app.name')} extra={<LanguageSwitch />}>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {needsSetup && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={
              <span>
                {t('login.setupHint')} <Link to="/setup">{t('login.setupLink')}</Link>
              </span>
            }
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            message={error}
            data-testid="login-error"
          />
        )}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.required', { field: t('login.username') }) }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
