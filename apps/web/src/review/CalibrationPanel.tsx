// Calibration: how far evaluators agree on the calls they all reviewed (ICC per rubric
// item and for the total, Cohen's kappa on pass/fail per pair of evaluators) and how far
// human scores sit from the auto-score, with the shared calls side by side.
import type { CalibrationDto, CalibrationItemDto, ClassDto, RubricKind } from '@callsim/protocol';
import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { reviewApi } from './review-api.js';
import { label } from './review-format.js';

/** Rough reading of an ICC or kappa (Koo & Li 2016 for ICC; the usual kappa bands are close). */
function agreementColor(value: number | null): string {
  if (value === null) return 'default';
  if (value >= 0.75) return 'green';
  if (value >= 0.5) return 'gold';
  return 'red';
}

const signed = (value: number | null): string => (value === null ? '—' : `${value > 0 ? '+' : ''}${value}`);

export function CalibrationPanel({ classes }: { classes: readonly ClassDto[] }) {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [classId, setClassId] = useState<string | undefined>(classes[0]?.id);
  const [kind, setKind] = useState<RubricKind>('inbound');
  const [report, setReport] = useState<CalibrationDto | null>(null);

  useEffect(() => {
    reviewApi.calibration(classId, kind).then(setReport).catch(showError);
  }, [classId, kind, showError]);

  const itemColumns = [
    { title: t('review.rubric.item'), render: (_: unknown, i: CalibrationItemDto) => label(i.label, locale) },
    {
      title: 'ICC',
      render: (_: unknown, i: CalibrationItemDto) => (
        <Space size={4}>
          <Tag color={agreementColor(i.icc)}>{i.icc ?? '—'}</Tag>
          {i.iccModel && <Typography.Text type="secondary">{i.iccModel}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('review.calibration.sharedCalls'), dataIndex: 'iccCalls' },
    {
      title: t('review.calibration.autoDiff'),
      render: (_: unknown, i: CalibrationItemDto) =>
        i.autoDiffMeanPct === null
          ? '—'
          : `${signed(i.autoDiffMeanPct)} % (|Δ| ${i.autoDiffMeanAbsPct} %, n=${i.autoDiffCount})`,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="calibration">
      <Space wrap>
        <Select
          allowClear
          placeholder={t('review.filter.allClasses')}
          style={{ width: 180 }}
          value={classId}
          onChange={setClassId}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select<RubricKind>
          style={{ width: 180 }}
          value={kind}
          onChange={setKind}
          options={(['inbound', 'outbound', 'contest'] as const).map((k) => ({
            value: k,
            label: t(`review.kind.${k}`),
          }))}
        />
      </Space>
      {report && (
        <>
          <Alert
            type="info"
            showIcon
            message={t('review.calibration.summary', {
              reviewed: report.reviewedCalls,
              shared: report.sharedCalls,
              evaluators: report.evaluators.length,
            })}
            description={t('review.calibration.help')}
          />
          <Table
            size="small"
            rowKey="itemId"
            pagination={false}
            dataSource={[...report.items, report.total]}
            columns={itemColumns}
          />
          <Typography.Title level={5}>
            {t('review.calibration.kappa')}{' '}
            {report.meanKappa !== null && (
              <Tag color={agreementColor(report.meanKappa)}>κ̄ = {report.meanKappa}</Tag>
            )}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(p) => `${p.a.id}-${p.b.id}`}
            pagination={false}
            dataSource={report.kappaPairs}
            columns={[
              {
                title: t('review.calibration.pair'),
                render: (_, p) => `${p.a.displayName} · ${p.b.displayName}`,
              },
              { title: t('review.calibration.calls'), dataIndex: 'calls' },
              {
                title: t('review.calibration.agreement'),
                render: (_, p) => (p.agreementPct === null ? '—' : `${p.agreementPct} %`),
              },
              { title: 'κ', render: (_, p) => <Tag color={agreementColor(p.kappa)}>{p.kappa ?? '—'}</Tag> },
            ]}
          />
          <Typography.Title level={5}>{t('review.calibration.sideBySide')}</Typography.Title>
          <Table
            size="small"
            rowKey="callId"
            pagination={false}
            dataSource={report.calls}
            columns={[
              {
                title: t('review.col.trainee'),
                render: (_, c) => <Link to={`/recordings/${c.callId}`}>{c.traineeName}</Link>,
              },
              { title: t('review.col.scenario'), dataIndex: 'scenarioTitle' },
              { title: t('review.col.auto'), render: (_, c) => c.autoScore ?? '—' },
              ...report.evaluators.map((e) => ({
                title: e.displayName,
                render: (_: unknown, c: CalibrationDto['calls'][number]) =>
                  c.totalsPct[e.id] === undefined ? '—' : `${c.totalsPct[e.id]}%`,
              })),
            ]}
          />
        </>
      )}
    </Space>
  );
}
