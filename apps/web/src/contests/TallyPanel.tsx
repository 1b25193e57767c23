// Live vote tally for evaluators (never shown to voters): votes per entry label, updated
// within a moment of each ballot by the server's socket event.
import type { ContestDto } from '@callsim/protocol';
import { Badge, Empty, Progress, Space, Statistic, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import { useContestTally } from './use-contest-tally.js';

export function TallyPanel({ contest }: { contest: ContestDto }) {
  const { t } = useI18n();
  const { tally, live } = useContestTally(contest.id);
  if (!tally) return null;
  const top = Math.max(1, ...tally.entries.map((e) => e.votes));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large">
        <Statistic
          title={t('contests.tally.ballots')}
          value={tally.ballots}
          valueRender={() => <span data-testid="tally-ballots">{tally.ballots}</span>}
        />
        <Statistic
          title={t('contests.tally.votes')}
          value={tally.votes}
          valueRender={() => <span data-testid="tally-votes">{tally.votes}</span>}
        />
        <Badge
          status={live ? 'processing' : 'default'}
          text={live ? t('contests.tally.live') : t('contests.tally.offline')}
        />
      </Space>
      {tally.entries.length === 0 ? (
        <Empty description={t('contests.vote.noEntries')} />
      ) : (
        tally.entries.map((entry) => (
          <div key={entry.key}>
            <Typography.Text>
              {t('contests.entry.label', { label: entry.label })}：
              <span data-testid={`tally-${entry.label}`}>{entry.votes}</span>
            </Typography.Text>
            <Progress percent={Math.round((100 * entry.votes) / top)} showInfo={false} />
          </div>
        ))
      )}
      <Typography.Text type="secondary">{t('contests.tally.private')}</Typography.Text>
    </Space>
  );
}
