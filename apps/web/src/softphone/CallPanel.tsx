// The live call: timer and controls, the customer card, and in practice mode the 话术
// checklist (ticked as steps are said) and the customer's subtitles.
import {
  AudioMutedOutlined,
  AudioOutlined,
  PauseCircleOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, List, Popover, Row, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { factLabel } from './fact-labels.js';
import { formatDuration } from './SoftphonePage.js';
import type { LiveCall, useSoftphone } from './use-softphone.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function CallPanel({ phone, call }: { phone: ReturnType<typeof useSoftphone>; call: LiveCall }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const practice = call.connected.checklist !== null;
  const customer = call.offer.customer;

  return (
    <Row gutter={[16, 16]} data-testid="live-call">
      <Col xs={24} lg={14}>
        <Card
          title={
            <Space>
              <PhoneOutlined />
              {call.offer.title}
              <Tag color="green" data-testid="call-timer">
                {t('softphone.timer')} {formatDuration(now - call.startedAt)}
              </Tag>
            </Space>
          }
        >
          <Space wrap>
            <Button
              danger
              type="primary"
              icon={<PhoneOutlined rotate={135} />}
              onClick={phone.hangup}
              data-testid="hangup"
            >
              {t('softphone.hangup')}
            </Button>
            <Button
              icon={call.held ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
              onClick={() => phone.hold(!call.held)}
              data-testid="hold"
            >
              {call.held ? t('softphone.unhold') : t('softphone.hold')}
            </Button>
            <Button
              icon={call.muted ? <AudioOutlined /> : <AudioMutedOutlined />}
              onClick={() => phone.mute(!call.muted)}
              data-testid="mute"
            >
              {call.muted ? t('softphone.unmute') : t('softphone.mute')}
            </Button>
            <Popover
              trigger="click"
              content={
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 48px)', gap: 6 }}>
                  {KEYS.map((k) => (
                    <Button key={k} onClick={() => phone.dtmf(k)}>
                      {k}
                    </Button>
                  ))}
                </div>
              }
            >
              <Button>{t('softphone.keypad')}</Button>
            </Popover>
            {call.digits && <Typography.Text code>{call.digits}</Typography.Text>}
          </Space>
          {call.held && (
            <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('softphone.onHold')} />
          )}
          {call.muted && (
            <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('softphone.muted')} />
          )}
          <Descriptions title={t('softphone.customer')} column={1} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('softphone.customerName')}>{customer.name}</Descriptions.Item>
            <Descriptions.Item label={t('softphone.persona')}>
              {t(`persona.${customer.persona}` as MessageKey)}
            </Descriptions.Item>
            {Object.entries(customer.facts).map(([k, v]) => (
              <Descriptions.Item key={k} label={factLabel(k, locale)}>
                {v}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
        {practice && (
          <Card title={t('softphone.subtitles')} style={{ marginTop: 16 }}>
            <List
              size="small"
              data-testid="subtitles"
              dataSource={[
                ...call.captions.map((c) => ({
                  key: `c${c.lineId}`,
                  who: 'customer' as const,
                  text: c.text,
                  active: c.active,
                })),
              ]}
              renderItem={(item) => (
                <List.Item>
                  <Typography.Text strong={item.active}>{item.text}</Typography.Text>
                </List.Item>
              )}
            />
            {call.agentTurns.length > 0 && (
              <Typography.Paragraph
                type="secondary"
                style={{ marginTop: 8 }}
                data-testid="agent-said"
                data-turns={call.agentTurns.length}
              >
                {t('softphone.youSaid')}: {call.agentTurns[call.agentTurns.length - 1]?.text || '…'}
              </Typography.Paragraph>
            )}
          </Card>
        )}
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('softphone.checklist')}>
          {practice ? (
            <List
              size="small"
              data-testid="checklist"
              dataSource={call.connected.checklist ?? []}
              renderItem={(step) => {
                const tick = call.ticks[step.id];
                return (
                  <List.Item data-step={step.id} data-done={tick ? 'yes' : 'no'}>
                    <Space>
                      <span style={{ color: tick ? '#52c41a' : '#bfbfbf', fontSize: 16 }}>
                        {tick ? '✔' : '○'}
                      </span>
                      <span>{step.label}</span>
                      {step.required && <Tag>{t('softphone.checklistRequired')}</Tag>}
                      {tick && (
                        <Typography.Text type="secondary">{formatDuration(tick.atMs)}</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                );
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t('softphone.examHidden')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
