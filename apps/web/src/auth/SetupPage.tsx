// First-run setup: creates the first admin with the one-time token from the server log.
import { PASSWORD_MIN_LENGTH } from '@callsim/protocol';
import { Alert, Button, Card, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { LanguageSwitch } from '../layout/LanguageSwitch.js';

export function SetupPage() {
  const { t, errorText } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(values: { token: string; username: string; password: string; displayName?: string }) {
    setError(null);
    try {
      await api('/setup', { method: 'POST', json: values });
      setDone(true);
    } catch (e) {
      setError(
        e instanceof ApiError && e.code !== 'NETWORK'
          ? errorText(e.code, e.details)
          : t('common.networkError'),
      );
    }
  }

  return (
    <div className="centered-page">
      <Card style={{ width: 420 }} title={t('setup.title')} extra={<LanguageSwitch />}>
        {done ? (
          <Result
            status="success"
            title={t('setup.done')}
            extra={<Link to="/login">{t('login.submit')}</Link>}
          />
        ) : (
          <>
            {error && (
              <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />
            )}
            <Form layout="vertical" onFinish={submit}>
              <Form.Item
                name="token"
                label={t('setup.token')}
                extra={t('setup.tokenHelp')}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="username" label={t('login.username')} rules={[{ required: true }]}>
                <Input autoComplete="username" />
              </Form.Item>
              <Form.Item name="displayName" label={t('setup.displayName')}>
                <Input />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, min: PASSWORD_MIN_LENGTH }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block>
                {t('setup.submit')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </div>
  );
}
