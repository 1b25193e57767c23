// An outbound dial before the customer answers: who is being called, the rings heard
// (the ringback itself plays through the call audio), the outcome when it is not an
// answer, and a button to give up. Once answered, the page shows the CallPanel instead.
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { factLabel } from './fact-labels.js';
import type { DialState } from './use-softphone.js';

export function DialPanel({
  dialing,
  customerName,
  onCancel,
}: {
  dialing: DialState;
  customerName: string;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const card = dialing.card;
  return (
    <Card
      data-testid="dialing"
      data-outcome={dialing.outcome ?? ''}
      title={
        <Space>
          <PhoneOutlined />
          {t('outbound.dialing', { name: card?.customer.name ?? customerName })}
          <Tag color="blue" data-testid="ringback-count">
            {t('outbound.ringback', { count: dialing.ringCount })}
          </Tag>
          {dialing.outcome && dialing.outcome !== 'answered' && (
            <Tag color="orange">{t(`outbound.outcome.${dialing.outcome}` as MessageKey)}</Tag>
          )}
        </Space>
      }
      extra={
        <Button danger onClick={onCancel} disabled={!dialing.callId || dialing.outcome !== null}>
          {t('outbound.cancelDial')}
        </Button>
      }
    >
      {card ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('softphone.scenario')}>{card.title}</Descriptions.Item>
          {Object.entries(card.customer.facts).map(([k, v]) => (
            <Descriptions.Item key={k} label={factLabel(k, locale)}>
              {v}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <Spin />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {dialing.outcome === 'answered' ? t('outbound.outcome.answered') : '…'}
      </Typography.Paragraph>
    </Card>
  );
}
