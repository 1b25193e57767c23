// The trainee's outbound worklist: tasks due on their class's simulated clock (follow-ups
// planned after inbound calls, campaign calls) with the customer card and history; Dial
// rings the customer (ringback, then the outcome), an answered call runs in the same
// call panel as an inbound one, and afterwards the trainee records the disposition.
import type { OutboundTaskDto, SimClockDto, WorklistDto } from '@callsim/protocol';
import { Alert, Badge, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { CallPanel } from '../softphone/CallPanel.js';
import { DialPanel } from '../softphone/DialPanel.js';
import { formatDuration } from '../softphone/SoftphonePage.js';
import { useSoftphone } from '../softphone/use-softphone.js';
import { DispositionCard } from './DispositionCard.js';
import { formatSimTime } from './sim-time.js';
import { TaskDetailDrawer } from './TaskDetailDrawer.js';

const REFRESH_MS = 10_000;

export function WorklistPage() {
  const { t, locale, errorText } = useI18n();
  const { logout } = useSession();
  const navigate = useNavigate();
  const showError = useApiErrorToast();
  const onRevoked = useCallback(() => {
    void logout().then(() => navigate('/login', { replace: true }));
  }, [logout, navigate]);
  const phone = useSoftphone(onRevoked);
  const { state } = phone;
  const [worklist, setWorklist] = useState<WorklistDto | null>(null);
  const [detailId, setDetailId] = useState<string | null>(null);

  const load = useCallback(() => {
    api<WorklistDto>('/outbound/worklist').then(setWorklist).catch(showError);
  }, [showError]);
  const busy = state.call !== null || state.dialing !== null;
  // Reload when the server says so, when a call or dial ends, and every few seconds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the listed state changes are the triggers
  useEffect(() => {
    load();
  }, [load, state.worklistVersion, busy]);
  useEffect(() => {
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const clockOf = (task: OutboundTaskDto): SimClockDto | undefined =>
    worklist?.clocks.find((c) => c.classId === task.classId) ?? worklist?.clocks[0];
  const simTime = (ms: number, task: OutboundTaskDto) =>
    formatSimTime(ms, clockOf(task)?.timezone ?? 'Asia/Shanghai', locale);
  const dialingTask = state.dialing ? worklist?.due.find((d) => d.id === state.dialing?.taskId) : undefined;

  const blockedText = (task: OutboundTaskDto): string | null => {
    if (!task.blockedReason) return null;
    return t(`outbound.blocked.${task.blockedReason}` as MessageKey, {
      time: task.nextCallableSimMs ? simTime(task.nextCallableSimMs, task) : '',
    });
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('outbound.worklist.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('outbound.worklist.help')}
      </Typography.Paragraph>
      {state.problem && (
        <Alert
          type="error"
          showIcon
          closable
          role="alert"
          onClose={phone.dismissProblem}
          data-testid="softphone-problem"
          message={
            state.problem.kind === 'server'
              ? state.problem.code === 'NETWORK'
                ? t('common.networkError')
                : errorText(state.problem.code, state.problem.details)
              : t(
                  (
                    {
                      'mic-denied': 'softphone.micDenied',
                      'mic-missing': 'softphone.micMissing',
                      'device-lost': 'softphone.deviceLost',
                      'connection-lost': 'softphone.reconnecting',
                      'call-dropped': 'softphone.callDropped',
                      'mic-other': 'softphone.micError',
                    } as const
                  )[state.problem.kind],
                  state.problem.kind === 'mic-other' ? { reason: state.problem.reason } : undefined,
                )
          }
        />
      )}
      <Card size="small">
        <Space wrap size="large">
          <Badge
            status={state.online ? 'success' : 'default'}
            text={
              <span data-testid="connection-state">
                {state.online ? t('softphone.connected') : t('softphone.disconnected')}
              </span>
            }
          />
          {worklist?.clocks.map((clock) => (
            <Space key={clock.classId ?? '-'} data-testid="class-clock">
              <Typography.Text type="secondary">{t('outbound.clock')}</Typography.Text>
              <Typography.Text strong>
                {formatSimTime(clock.nowSimMs, clock.timezone, locale)}
              </Typography.Text>
              <Tag>
                {clock.speedFactor === 0
                  ? t('outbound.clock.paused')
                  : t('outbound.clock.speed', { speed: clock.speedFactor })}
              </Tag>
            </Space>
          ))}
        </Space>
      </Card>

      {state.dialing && (
        <DialPanel
          dialing={state.dialing}
          customerName={dialingTask?.customer.name ?? ''}
          onCancel={phone.cancelDial}
        />
      )}
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
      {state.lastDialOutcome && !busy && (
        <Alert
          type="warning"
          showIcon
          data-testid="dial-result"
          message={`${t('outbound.lastDial', {
            outcome: t(`outbound.outcome.${state.lastDialOutcome.outcome}` as MessageKey),
          })} ${state.lastDialOutcome.outcome === 'cancelled' ? '' : t('outbound.retryLater')}`}
        />
      )}

      {worklist && worklist.wrapUp.length > 0 && !state.call && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('outbound.wrapUp')}
          </Typography.Title>
          {worklist.wrapUp.map((task) => (
            <DispositionCard key={task.id} task={task} clock={clockOf(task)} onSaved={load} />
          ))}
        </Space>
      )}

      <Card title={t('outbound.due')}>
        <Table<OutboundTaskDto>
          rowKey="id"
          size="middle"
          data-testid="worklist"
          loading={worklist === null}
          dataSource={worklist?.due ?? []}
          pagination={false}
          locale={{ emptyText: t('outbound.empty') }}
          onRow={(task) => ({ 'data-task': task.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('outbound.col.customer'),
              render: (_, task) => (
                <Space direction="vertical" size={0}>
                  <Typography.Link onClick={() => setDetailId(task.id)} data-testid="task-customer">
                    {task.customer.name}
                  </Typography.Link>
                  <Typography.Text type="secondary">{task.customer.phone}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('outbound.col.scenario'),
              render: (_, task) => (
                <Space direction="vertical" size={0}>
                  <span>{task.scenarioTitle}</span>
                  <Space size={4}>
                    <Tag color={task.kind === 'follow-up' ? 'purple' : 'cyan'}>
                      {t(`outbound.kind.${task.kind}` as MessageKey)}
                    </Tag>
                    {task.campaignName && (
                      <Typography.Text type="secondary">{task.campaignName}</Typography.Text>
                    )}
                  </Space>
                </Space>
              ),
            },
            { title: t('outbound.col.due'), render: (_, task) => simTime(task.dueSimMs, task) },
            { title: t('outbound.col.localTime'), dataIndex: 'customerLocalTime' },
            {
              title: t('outbound.col.attempts'),
              render: (_, task) => (
                <Space size={4}>
                  {`${task.attempts}/${task.maxAttempts}`}
                  {task.lastOutcome && <Tag>{t(`outbound.outcome.${task.lastOutcome}` as MessageKey)}</Tag>}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              render: (_, task) => {
                const blocked = blockedText(task);
                if (task.status !== 'pending')
                  return <Tag color="processing">{t(`outbound.status.${task.status}` as MessageKey)}</Tag>;
                return (
                  <Tooltip title={blocked}>
                    <Button
                      type="primary"
                      disabled={blocked !== null || busy || !state.online}
                      onClick={() => void phone.dial(task.id)}
                      data-testid="dial"
                    >
                      {t('outbound.dial')}
                    </Button>
                  </Tooltip>
                );
              },
            },
          ]}
        />
        {worklist && worklist.upcomingCount > 0 && worklist.nextDueSimMs !== null && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('outbound.upcoming', {
              count: worklist.upcomingCount,
              time: formatSimTime(
                worklist.nextDueSimMs,
                worklist.clocks[0]?.timezone ?? 'Asia/Shanghai',
                locale,
              ),
            })}
          </Typography.Paragraph>
        )}
      </Card>
      <TaskDetailDrawer taskId={detailId} onClose={() => setDetailId(null)} />
    </Space>
  );
}
