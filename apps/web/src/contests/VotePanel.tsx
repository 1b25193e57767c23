// The blind voting page: entries by neutral label in this voter's own order, each playable;
// a vote is possible only after playing the entry to the end, never for one's own entry,
// and at most N votes. Votes can change until the voting closes. No tally is shown here.
import { CheckCircleFilled, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { BallotDto, ContestDto, ContestEntryDto } from '@callsim/protocol';
import { Alert, Button, Card, Col, Empty, Progress, Row, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatSeconds } from './contest-text.js';
import { contestsApi } from './contests-api.js';
import { useEntryPlayer } from './use-entry-player.js';

export function VotePanel({ contest }: { contest: ContestDto }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [entries, setEntries] = useState<ContestEntryDto[] | null>(null);
  const [ballot, setBallot] = useState<BallotDto | null>(null);
  const [saving, setSaving] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [list, mine] = await Promise.all([
        contestsApi.entries(contest.id),
        contestsApi.ballot(contest.id),
      ]);
      setEntries(list);
      setBallot(mine);
    } catch (error) {
      showError(error);
    }
  }, [contest.id, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const player = useEntryPlayer(async (entry) => {
    try {
      await contestsApi.played(contest.id, entry.key);
      setEntries((list) => list?.map((e) => (e.key === entry.key ? { ...e, played: true } : e)) ?? list);
    } catch (error) {
      showError(error);
    }
  });

  const chosen = ballot?.entryKeys ?? [];
  const open = contest.phase === 'voting' && contest.viewer.canVote;

  async function toggleVote(entry: ContestEntryDto) {
    const next = chosen.includes(entry.key) ? chosen.filter((k) => k !== entry.key) : [...chosen, entry.key];
    setSaving(true);
    try {
      setBallot(await contestsApi.vote(contest.id, next));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  }

  if (entries === null) return null;
  if (entries.length === 0) return <Empty description={t('contests.vote.noEntries')} />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title={t('contests.vote.rules', { votes: contest.votesPerVoter })}
        description={
          open ? (
            <span data-testid="votes-used">
              {t('contests.vote.used', { used: chosen.length, votes: contest.votesPerVoter })}
            </span>
          ) : (
            t('contests.vote.closedHint')
          )
        }
      />
      <Row gutter={[16, 16]}>
        {entries.map((entry) => {
          const voted = chosen.includes(entry.key);
          const playing = player.playingKey === entry.key;
          const full = !voted && chosen.length >= contest.votesPerVoter;
          return (
            <Col xs={24} sm={12} lg={8} key={entry.key}>
              <Card
                data-testid={`entry-${entry.label}`}
                title={t('contests.entry.label', { label: entry.label })}
                extra={
                  <Space size={4}>
                    {entry.mine && <Tag color="blue">{t('contests.entry.mine')}</Tag>}
                    {entry.played && (
                      <Tag color="green" data-testid={`played-${entry.label}`}>
                        {t('contests.entry.played')}
                      </Tag>
                    )}
                  </Space>
                }
              >
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Button
                      data-testid={`play-${entry.label}`}
                      icon={playing ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
                      onClick={() => player.toggle(entry)}
                    >
                      {playing ? t('contests.entry.stop') : t('contests.entry.play')}
                    </Button>
                    <Typography.Text type="secondary">{formatSeconds(entry.durationMs)}</Typography.Text>
                  </Space>
                  <Progress
                    percent={Math.round((playing ? player.progress : entry.played ? 1 : 0) * 100)}
                    size="small"
                  />
                  {open && !entry.mine && (
                    <Button
                      data-testid={`vote-${entry.label}`}
                      type={voted ? 'primary' : 'default'}
                      icon={voted ? <CheckCircleFilled /> : undefined}
                      disabled={!entry.played || full || saving}
                      onClick={() => void toggleVote(entry)}
                      block
                    >
                      {voted ? t('contests.vote.voted') : t('contests.vote.vote')}
                    </Button>
                  )}
                  {open && !entry.mine && !entry.played && (
                    <Typography.Text type="secondary">{t('contests.vote.listenFirst')}</Typography.Text>
                  )}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
