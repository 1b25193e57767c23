// The trainee's softphone. This release: agent status, the live connection to the
// server and a microphone check with a level meter; calls arrive with the live-calls
// release on the same socket.
import { AudioOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Descriptions, Progress, Segmented, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { useMicLevel } from './use-mic-level.js';
import { useSocket } from './use-socket.js';

type AgentStatus = 'offline' | 'ready' | 'break' | 'afterCall';

export function SoftphonePage() {
  const { t } = useI18n();
  const { logout } = useSession();
  const navigate = useNavigate();
  const onRevoked = useCallback(() => {
    void logout().then(() => navigate('/login', { replace: true }));
  }, [logout, navigate]);
  const { hello } = useSocket(onRevoked);
  const mic = useMicLevel();
  const [status, setStatus] = useState<AgentStatus>('offline');
  const levelPercent =
    mic.levelDb === null ? 0 : Math.round(Math.max(0, Math.min(100, ((mic.levelDb + 60) / 60) * 100)));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('softphone.title')}</Typography.Title>
      <Card>
        <Descriptions column={1}>
          <Descriptions.Item label={t('softphone.connection')}>
            <Badge
              status={hello ? 'success' : 'default'}
              text={
                <span data-testid="connection-state">
                  {hello ? t('softphone.connected') : t('softphone.disconnected')}
                </span>
              }
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('softphone.status')}>
            <Segmented<AgentStatus>
              value={status}
              onChange={setStatus}
              options={[
                { value: 'offline', label: t('softphone.status.offline') },
                { value: 'ready', label: t('softphone.status.ready') },
                { value: 'break', label: t('softphone.status.break') },
                { value: 'afterCall', label: t('softphone.status.afterCall') },
              ]}
            />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary">{t('softphone.waiting')}</Typography.Paragraph>
      </Card>
      <Card title={t('softphone.mic')}>
        {mic.problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            message={
              mic.problem.kind === 'denied'
                ? t('softphone.micDenied')
                : mic.problem.kind === 'missing'
                  ? t('softphone.micMissing')
                  : t('softphone.micError', { reason: mic.problem.reason })
            }
          />
        )}
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button
            icon={<AudioOutlined />}
            onClick={mic.active ? mic.stop : mic.start}
            data-testid="mic-toggle"
          >
            {mic.active ? t('softphone.micStop') : t('softphone.micStart')}
          </Button>
          <div>
            {t('softphone.micLevel')}:{' '}
            <span data-testid="mic-level-db">
              {mic.levelDb === null ? '—' : `${mic.levelDb.toFixed(0)} dBFS`}
            </span>
          </div>
          <Progress
            percent={levelPercent}
            showInfo={false}
            strokeColor={levelPercent > 90 ? '#ff4d4f' : '#52c41a'}
          />
        </Space>
      </Card>
    </Space>
  );
}
