// The trainee's finished calls, newest first: when, which scenario, practice or exam, length,
// total and pass/fail — "scoring…" while the job runs (the list looks again until it is done).
import type { ResultCallDto } from '@callsim/protocol';
import { Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import { formatDuration } from './format.js';

export function verdictTag(t: ReturnType<typeof useI18n>['t'], latest: NonNullable<ResultCallDto['latest']>) {
  if (latest.failed) return <Tag color="red">{t('results.verdict.failed')}</Tag>;
  return latest.passed ? (
    <Tag color="green">{t('results.verdict.passed')}</Tag>
  ) : (
    <Tag color="orange">{t('results.verdict.notPassed')}</Tag>
  );
}

export function ResultsList({
  calls,
  loading,
  onOpen,
}: {
  calls: ResultCallDto[];
  loading: boolean;
  onOpen: (callId: string) => void;
}) {
  const { t, locale } = useI18n();
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Table<ResultCallDto>
      data-testid="results-list"
      rowKey="callId"
      size="middle"
      loading={loading}
      dataSource={calls}
      locale={{ emptyText: t('results.list.empty') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(row) => ({
        onClick: () => onOpen(row.callId),
        style: { cursor: 'pointer' },
        'data-testid': 'result-row',
        'data-call-id': row.callId,
      })}
      columns={[
        {
          title: t('results.col.date'),
          dataIndex: 'answeredAtMs',
          render: (ms: number | null) => (ms === null ? '—' : dateFormat.format(ms)),
        },
        { title: t('results.col.scenario'), dataIndex: 'scenarioTitle' },
        {
          title: t('results.col.mode'),
          dataIndex: 'mode',
          render: (mode: ResultCallDto['mode']) =>
            mode === 'exam' ? (
              <Tag color="purple">{t('results.mode.exam')}</Tag>
            ) : (
              <Tag>{t('results.mode.practice')}</Tag>
            ),
        },
        { title: t('results.col.duration'), dataIndex: 'durationMs', render: formatDuration },
        {
          title: t('results.col.total'),
          render: (_v, row) =>
            row.scoreState === 'scored' && row.latest ? (
              <Typography.Text strong data-testid="row-total">
                {row.latest.total}
              </Typography.Text>
            ) : row.scoreState === 'failed' ? (
              <Typography.Text type="danger">{t('results.state.failed')}</Typography.Text>
            ) : (
              <Typography.Text type="secondary" data-testid="row-pending">
                {t('results.state.pending')}
              </Typography.Text>
            ),
        },
        {
          title: t('results.col.verdict'),
          render: (_v, row) => (row.latest ? verdictTag(t, row.latest) : null),
        },
      ]}
    />
  );
}
