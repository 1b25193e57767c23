// The softphone's optional Twilio card: phone-in practice (the number to dial and a
// one-time practice code for the selected scenario) and the browser phone line (a Twilio
// Device that answers the ringing call or places the selected scenario over the phone
// network). Renders nothing when the server has no Twilio settings.
import type { AgentState, CallOfferDto } from '@callsim/protocol';
import { Alert, Button, Card, Col, Row, Space, Switch, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.js';
import { useTwilioLine } from './use-twilio-line.js';

export interface TwilioPanelProps {
  offer: CallOfferDto | null;
  agentState: AgentState;
  scenarioId: string | undefined;
  mode: 'practice' | 'exam';
}

const LINE_TAG = { off: 'default', registering: 'processing', ready: 'success', error: 'error' } as const;

export function TwilioPanel({ offer, agentState, scenarioId, mode }: TwilioPanelProps) {
  const { t, errorText } = useI18n();
  const { state, setLine, connect, hangUp, mute, requestCode } = useTwilioLine();
  const { status, code } = state;
  if (!status.enabled) return null;
  const lineOn = state.line !== 'off';
  const idle = state.call === 'idle';

  return (
    <Card title={t('twilio.title')} data-testid="twilio-panel">
      <Row gutter={[32, 16]}>
        {status.phoneNumber && (
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('twilio.phoneIn.title')}</Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('twilio.phoneIn.help', { number: status.phoneNumber })}
            </Typography.Paragraph>
            <Space direction="vertical">
              <Button
                disabled={!scenarioId}
                onClick={() => scenarioId && requestCode(scenarioId, mode)}
                data-testid="twilio-get-code"
              >
                {t('twilio.phoneIn.getCode')}
              </Button>
              {!scenarioId && (
                <Typography.Text type="secondary">{t('twilio.phoneIn.pickScenario')}</Typography.Text>
              )}
              {code && (
                <div data-testid="twilio-code">
                  <Typography.Text type="secondary">{t('twilio.phoneIn.code')}</Typography.Text>
                  <Typography.Title level={2} copyable style={{ margin: 0, letterSpacing: '0.3em' }}>
                    {code.code}
                  </Typography.Title>
                  <Typography.Text type="secondary">
                    {t('twilio.phoneIn.expires', { time: new Date(code.expiresAtMs).toLocaleTimeString() })}
                  </Typography.Text>
                </div>
              )}
              {state.codeError && <Alert type="error" showIcon message={errorText(state.codeError)} />}
            </Space>
          </Col>
        )}
        {status.browserPhone && (
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('twilio.line.title')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('twilio.line.help')}</Typography.Paragraph>
            <Space direction="vertical">
              <Space>
                <Switch
                  checked={lineOn}
                  onChange={setLine}
                  disabled={!idle}
                  data-testid="twilio-line-switch"
                />
                <span>{t('twilio.line.switch')}</span>
                <Tag color={LINE_TAG[state.line]}>{t(`twilio.line.state.${state.line}`)}</Tag>
              </Space>
              {state.lineError && (
                <Alert type="error" showIcon message={t('twilio.line.error', { reason: state.lineError })} />
              )}
              {state.line === 'ready' && idle && offer && (
                <Button
                  type="primary"
                  onClick={() => connect({ callsimCallId: offer.callId })}
                  data-testid="twilio-answer"
                >
                  {t('twilio.line.answer')}
                </Button>
              )}
              {state.line === 'ready' && idle && !offer && (
                <Button
                  disabled={!scenarioId || agentState === 'ringing' || agentState === 'on-call'}
                  onClick={() => scenarioId && connect({ callsimScenarioId: scenarioId, callsimMode: mode })}
                  data-testid="twilio-place"
                >
                  {t('twilio.line.place')}
                </Button>
              )}
              {!idle && (
                <Space data-testid="twilio-call">
                  <Tag color="processing">
                    {t(state.call === 'connecting' ? 'twilio.line.connecting' : 'twilio.line.onCall')}
                  </Tag>
                  <Button onClick={() => mute(!state.muted)}>
                    {t(state.muted ? 'twilio.line.unmute' : 'twilio.line.mute')}
                  </Button>
                  <Button danger type="primary" onClick={hangUp}>
                    {t('twilio.line.hangup')}
                  </Button>
                </Space>
              )}
            </Space>
          </Col>
        )}
      </Row>
    </Card>
  );
}
