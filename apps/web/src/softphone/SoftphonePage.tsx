// The trainee's softphone: agent status, practice-now picker, the ringing call with the
// customer card, and the live call (timer, hang up, hold, mute, keypad, level meter,
// 话术 checklist and subtitles in practice mode). Problems are explained in the UI language.
import type { AgentState, ScenarioSummaryDto } from '@callsim/protocol';
import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../api/client.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { CallPanel } from './CallPanel.js';
import { factLabel } from './fact-labels.js';
import { TwilioPanel } from './twilio/TwilioPanel.js';
import { type SoftphoneProblem, useSoftphone } from './use-softphone.js';

const STATE_LABEL: Record<AgentState, MessageKey> = {
  offline: 'softphone.status.offline',
  ready: 'softphone.status.ready',
  break: 'softphone.status.break',
  'after-call': 'softphone.status.afterCall',
  ringing: 'softphone.status.ringing',
  'on-call': 'softphone.status.onCall',
};

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function SoftphonePage() {
  const { t, errorText, locale } = useI18n();
  const { logout } = useSession();
  const navigate = useNavigate();
  const onRevoked = useCallback(() => {
    void logout().then(() => navigate('/login', { replace: true }));
  }, [logout, navigate]);
  const phone = useSoftphone(onRevoked);
  const { state } = phone;
  const [scenarios, setScenarios] = useState<ScenarioSummaryDto[]>([]);
  const [scenarioId, setScenarioId] = useState<string>();
  const [mode, setMode] = useState<'practice' | 'exam'>('practice');

  useEffect(() => {
    api<ScenarioSummaryDto[]>('/scenarios')
      .then((list) => {
        setScenarios(list);
        setScenarioId((current) => current ?? list.find((s) => s.direction === 'inbound')?.id);
      })
      .catch(() => undefined);
  }, []);

  const problemText = (problem: SoftphoneProblem): string => {
    switch (problem.kind) {
      case 'mic-denied':
        return t('softphone.micDenied');
      case 'mic-missing':
        return t('softphone.micMissing');
      case 'mic-other':
        return t('softphone.micError', { reason: problem.reason });
      case 'device-lost':
        return t('softphone.deviceLost');
      case 'connection-lost':
        return t('softphone.reconnecting');
      case 'call-dropped':
        return t('softphone.callDropped');
      case 'server':
        return problem.code === 'NETWORK'
          ? t('common.networkError')
          : errorText(problem.code, problem.details);
    }
  };

  const agentState = state.agent.state;
  const selectable =
    agentState === 'offline' ||
    agentState === 'ready' ||
    agentState === 'break' ||
    agentState === 'after-call';
  const levelPercent =
    state.levelDb === null ? 0 : Math.round(Math.max(0, Math.min(100, ((state.levelDb + 60) / 60) * 100)));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('softphone.title')}
      </Typography.Title>
      {state.problem && (
        <Alert
          type={state.problem.kind === 'connection-lost' ? 'warning' : 'error'}
          showIcon
          role="alert"
          closable
          onClose={phone.dismissProblem}
          message={problemText(state.problem)}
          data-testid="softphone-problem"
        />
      )}
      <Card>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('softphone.connection')}>
            <Badge
              status={state.online ? 'success' : state.reconnecting ? 'processing' : 'default'}
              text={
                <span data-testid="connection-state">
                  {state.online ? t('softphone.connected') : t('softphone.disconnected')}
                </span>
              }
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('softphone.status')}>
            {selectable ? (
              <Segmented<AgentState>
                value={agentState === 'after-call' ? 'after-call' : agentState}
                onChange={phone.setStatus}
                data-testid="agent-status"
                options={(['offline', 'ready', 'break'] as const)
                  .map((s) => ({ value: s as AgentState, label: t(STATE_LABEL[s]) }))
                  .concat(
                    agentState === 'after-call'
                      ? [{ value: 'after-call', label: t(STATE_LABEL['after-call']) }]
                      : [],
                  )}
              />
            ) : (
              <Tag color="processing" data-testid="agent-status-busy">
                {t(STATE_LABEL[agentState])}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('softphone.micLevel')}>
            <div style={{ width: 160 }}>
              <Progress
                percent={levelPercent}
                showInfo={false}
                size="small"
                strokeColor={levelPercent > 90 ? '#ff4d4f' : '#52c41a'}
              />
              <span data-testid="mic-level-db">
                {state.levelDb === null ? '—' : `${state.levelDb.toFixed(0)} dBFS`}
              </span>
            </div>
          </Descriptions.Item>
        </Descriptions>
        {agentState === 'after-call' && <Alert type="info" showIcon message={t('softphone.afterCallHint')} />}
      </Card>

      {state.offer && (
        <Card
          data-testid="incoming-call"
          title={
            <Space>
              {t(state.offer.direction === 'inbound' ? 'softphone.incoming' : 'softphone.outgoing')}
              <Tag color="red">{t('softphone.rings', { count: state.ringCount })}</Tag>
            </Space>
          }
        >
          <Row gutter={24} align="middle">
            <Col flex="auto">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('softphone.customerName')}>
                  {state.offer.customer.name}
                </Descriptions.Item>
                {Object.entries(state.offer.customer.facts).map(([k, v]) => (
                  <Descriptions.Item key={k} label={factLabel(k, locale)}>
                    {v}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Col>
            <Col>
              <Button type="primary" size="large" onClick={() => void phone.answer()} data-testid="answer">
                {t('softphone.answer')}
              </Button>
            </Col>
          </Row>
        </Card>
      )}

      <TwilioPanel offer={state.offer} agentState={agentState} scenarioId={scenarioId} mode={mode} />
      {state.call && <CallPanel phone={phone} call={state.call} />}

      {state.lastEnded && !state.call && (
        <Alert
          type="success"
          showIcon
          data-testid="call-ended"
          message={t('softphone.ended', {
            who: t(`softphone.endedBy.${state.lastEnded.endedBy}`),
            duration: formatDuration(state.lastEnded.durationMs),
          })}
        />
      )}

      {!state.call && !state.offer && (
        <Card title={t('softphone.practice')}>
          <Typography.Paragraph type="secondary">{t('softphone.waiting')}</Typography.Paragraph>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              style={{ width: '100%', maxWidth: 560 }}
              value={scenarioId}
              onChange={setScenarioId}
              optionFilterProp="label"
              data-testid="scenario-select"
              options={scenarios
                .filter((s) => s.direction === 'inbound')
                .map((s) => ({
                  value: s.id,
                  label: `${s.title} · ${s.locale} · ${t(`persona.${s.persona}` as MessageKey)}`,
                }))}
            />
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
              <Radio value="practice">{t('softphone.mode.practice')}</Radio>
              <Radio value="exam">{t('softphone.mode.exam')}</Radio>
            </Radio.Group>
            <Button
              type="primary"
              disabled={!scenarioId || agentState !== 'ready'}
              onClick={() => scenarioId && phone.practice(scenarioId, mode)}
              data-testid="practice-start"
            >
              {t('softphone.callMe')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
