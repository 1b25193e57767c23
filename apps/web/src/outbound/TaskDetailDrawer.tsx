// One outbound task: the customer card and the history with this customer — the earlier
// calls (the complaint a follow-up came from, earlier attempts), their recordings and
// scores when scoring has run.
import type { OutboundTaskDetailDto } from '@callsim/protocol';
import { Descriptions, Drawer, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { factLabel } from '../softphone/fact-labels.js';
import { formatDurationMs } from './sim-time.js';

export function TaskDetailDrawer({ taskId, onClose }: { taskId: string | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [detail, setDetail] = useState<OutboundTaskDetailDto | null>(null);
  useEffect(() => {
    setDetail(null);
    if (taskId) api<OutboundTaskDetailDto>(`/outbound/tasks/${taskId}`).then(setDetail).catch(showError);
  }, [taskId, showError]);
  const customer = detail?.task.customer;
  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      width={560}
      title={t('outbound.details')}
      destroyOnHidden
    >
      {!detail || !customer ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="task-detail">
          <Descriptions title={t('outbound.customerCard')} column={1} size="small" bordered>
            <Descriptions.Item label={t('softphone.customerName')}>{customer.name}</Descriptions.Item>
            <Descriptions.Item label={t('outbound.phone')}>{customer.phone || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('outbound.timezone')}>
              {customer.timezone} · {detail.task.customerLocalTime}
            </Descriptions.Item>
            {customer.birthday && (
              <Descriptions.Item label={t('outbound.birthday')}>{customer.birthday}</Descriptions.Item>
            )}
            {detail.task.occasion && (
              <Descriptions.Item label={t('outbound.occasion')}>
                {detail.task.occasion.name ?? t('outbound.occasion.birthday')} · {detail.task.occasion.date}
              </Descriptions.Item>
            )}
            {Object.entries(customer.facts).map(([k, v]) => (
              <Descriptions.Item key={k} label={factLabel(k, locale)}>
                {v}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('outbound.history')}</Typography.Title>
            {detail.history.length === 0 ? (
              <Empty description={t('outbound.history.empty')} />
            ) : (
              <List
                data-testid="customer-history"
                dataSource={detail.history}
                renderItem={(entry) => (
                  <List.Item key={entry.callId}>
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <Space wrap>
                        <Tag color={entry.direction === 'inbound' ? 'purple' : 'blue'}>
                          {t(
                            entry.direction === 'inbound'
                              ? 'outbound.history.inbound'
                              : 'outbound.history.outbound',
                          )}
                        </Tag>
                        <Typography.Text>{entry.scenarioTitle}</Typography.Text>
                        <Typography.Text type="secondary">
                          {new Date(entry.createdAtMs).toLocaleString(locale)}
                        </Typography.Text>
                        {entry.outcome && <Tag>{t(`outbound.outcome.${entry.outcome}` as MessageKey)}</Tag>}
                        {entry.disposition && (
                          <Tag color="green">
                            {t(`outbound.disposition.${entry.disposition}` as MessageKey)}
                          </Tag>
                        )}
                        {entry.durationMs !== null && entry.answeredAtMs !== null && (
                          <Typography.Text type="secondary">
                            {t('outbound.history.duration', { duration: formatDurationMs(entry.durationMs) })}
                          </Typography.Text>
                        )}
                        <Tag color={entry.score === null ? 'default' : 'gold'}>
                          {entry.score === null
                            ? t('outbound.history.noScore')
                            : t('outbound.history.score', { score: entry.score })}
                        </Tag>
                      </Space>
                      {entry.recordingUrl && (
                        // biome-ignore lint/a11y/useMediaCaption: call recordings have a transcript on the review page
                        <audio controls preload="none" src={entry.recordingUrl} style={{ width: '100%' }} />
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
