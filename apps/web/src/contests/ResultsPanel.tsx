// Results of a closed contest: the ranking with names, how the combined score is made,
// why tied entries stand where they do, and PNG certificates for the top three.
import { DownloadOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ContestDto, ContestResultEntryDto, ContestResultsDto } from '@callsim/protocol';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { downloadCertificate } from './certificate.js';
import { tieText } from './contest-text.js';
import { contestsApi } from './contests-api.js';
import { MeasuresView } from './JudgePanel.js';

const RANK_COLORS = ['gold', 'default', 'orange'];

export function ResultsPanel({ contest }: { contest: ContestDto }) {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [results, setResults] = useState<ContestResultsDto | null>(null);
  useEffect(() => {
    contestsApi.results(contest.id).then(setResults).catch(showError);
  }, [contest.id, showError]);
  if (!results) return null;

  const judgePct = contest.judgeWeightPct;
  const certificate = (entry: ContestResultEntryDto) =>
    downloadCertificate(
      {
        locale,
        rank: entry.rank,
        name: entry.nominee.displayName,
        contestTitle: contest.title,
        combinedScore: entry.combinedScore,
        dateMs: contest.closedAtMs ?? contest.votingClosesAtMs,
      },
      `${locale === 'zh-CN' ? '证书' : 'certificate'}-${entry.rank}-${entry.label}.png`,
    ).catch(showError);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('contests.results.formula', { judge: judgePct, popular: 100 - judgePct })}
        description={t('contests.results.formulaDetail', { ballots: results.ballots })}
      />
      <Table
        rowKey="key"
        dataSource={results.entries}
        pagination={false}
        data-testid="results-table"
        expandable={{ expandedRowRender: (entry) => <MeasuresView measures={entry.measures} /> }}
        columns={[
          {
            title: t('contests.results.rank'),
            width: 80,
            render: (_, entry) => (
              <Tag color={RANK_COLORS[entry.rank - 1] ?? 'default'} data-testid={`rank-${entry.label}`}>
                {entry.rank <= 3 && <TrophyOutlined />} {entry.rank}
              </Tag>
            ),
          },
          { title: t('contests.entry.column'), dataIndex: 'label', width: 80 },
          {
            title: t('contests.results.name'),
            render: (_, entry) => (
              <span data-testid={`winner-${entry.rank}`}>{entry.nominee.displayName}</span>
            ),
          },
          {
            title: t('contests.results.judges', { weight: judgePct }),
            render: (_, entry) =>
              entry.judgeScore === null ? t('contests.results.unscored') : entry.judgeScore.toFixed(2),
          },
          {
            title: t('contests.results.popular', { weight: 100 - judgePct }),
            render: (_, entry) =>
              t('contests.results.votesValue', { votes: entry.votes, score: entry.popularScore.toFixed(2) }),
          },
          {
            title: t('contests.results.combined'),
            render: (_, entry) => <Typography.Text strong>{entry.combinedScore.toFixed(2)}</Typography.Text>,
          },
          {
            title: t('contests.results.tie'),
            render: (_, entry) => (
              <Typography.Text type="secondary" data-testid={`tie-${entry.label}`}>
                {tieText(t, entry, locale)}
              </Typography.Text>
            ),
          },
          {
            title: t('contests.results.certificate'),
            render: (_, entry) =>
              entry.rank <= 3 ? (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  data-testid={`certificate-${entry.label}`}
                  onClick={() => void certificate(entry)}
                >
                  {t('contests.results.download')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
