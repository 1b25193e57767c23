// One contest: its windows and phase, the evaluator's phase buttons, and tabs for what the
// viewer may do now — nominate, vote (blind), judge, watch the live tally, see the results.
import type { ContestDto } from '@callsim/protocol';
import { Button, Descriptions, Popconfirm, Result, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { criterionText, formatTime, PHASE_COLORS, phaseText } from './contest-text.js';
import { contestsApi } from './contests-api.js';
import { JudgePanel } from './JudgePanel.js';
import { NominatePanel } from './NominatePanel.js';
import { ResultsPanel } from './ResultsPanel.js';
import { TallyPanel } from './TallyPanel.js';
import { VotePanel } from './VotePanel.js';

export function ContestPage() {
  const { id = '' } = useParams();
  const { t, locale, errorText } = useI18n();
  const navigate = useNavigate();
  const showError = useApiErrorToast();
  const [contest, setContest] = useState<ContestDto | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tab, setTab] = useState<string | undefined>();

  const reload = useCallback(async () => {
    try {
      setContest(await contestsApi.get(id));
    } catch (error) {
      setFailed(error instanceof ApiError ? errorText(error.code, error.details) : t('common.networkError'));
    }
  }, [id, errorText, t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (failed) return <Result status="warning" title={failed} />;
  if (!contest) return null;

  async function phase(action: 'start-voting' | 'close') {
    try {
      setContest(await contestsApi.phase(id, action));
      setTab(undefined);
    } catch (error) {
      showError(error);
    }
  }

  const { viewer } = contest;
  const items = [
    ...(contest.phase === 'nominating' || contest.phase === 'upcoming' || contest.phase === 'waiting'
      ? [
          {
            key: 'nominate',
            label: t('contests.tab.nominate'),
            children: <NominatePanel contest={contest} onChanged={reload} />,
          },
        ]
      : []),
    ...(contest.phase === 'voting' || contest.phase === 'waiting'
      ? [{ key: 'vote', label: t('contests.tab.vote'), children: <VotePanel contest={contest} /> }]
      : []),
    ...(viewer.isJudge && contest.phase !== 'upcoming'
      ? [{ key: 'judge', label: t('contests.tab.judge'), children: <JudgePanel contest={contest} /> }]
      : []),
    ...(viewer.seesTally && contest.phase !== 'closed'
      ? [{ key: 'tally', label: t('contests.tab.tally'), children: <TallyPanel contest={contest} /> }]
      : []),
    ...(contest.phase === 'closed'
      ? [{ key: 'results', label: t('contests.tab.results'), children: <ResultsPanel contest={contest} /> }]
      : []),
  ];
  const activeKey = items.some((i) => i.key === tab) ? tab : items[0]?.key;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          <Button type="link" onClick={() => navigate('/contests')}>
            {t('contests.back')}
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="contest-title">
            {contest.title}
          </Typography.Title>
          <Tag color={PHASE_COLORS[contest.phase]} data-testid="contest-phase">
            {phaseText(t, contest.phase)}
          </Tag>
        </Space>
        {viewer.canManage && contest.phase !== 'closed' && (
          <Space>
            {(contest.phase === 'nominating' || contest.phase === 'waiting') && (
              <Popconfirm
                title={t('contests.startVotingConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() => phase('start-voting')}
              >
                <Button data-testid="start-voting">{t('contests.startVoting')}</Button>
              </Popconfirm>
            )}
            <Popconfirm
              title={t('contests.closeConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => phase('close')}
            >
              <Button danger data-testid="close-contest">
                {t('contests.close')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Space>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('contests.create.classes')}>
          {contest.classes.map((c) => c.name).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.entries')}>{contest.entryCount}</Descriptions.Item>
        <Descriptions.Item label={t('contests.create.nomination')}>
          {formatTime(contest.nominationOpensAtMs, locale)} –{' '}
          {formatTime(contest.nominationClosesAtMs, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.create.voting')}>
          {formatTime(contest.votingOpensAtMs, locale)} –{' '}
          {formatTime(
            Math.min(contest.votingClosesAtMs, contest.closedAtMs ?? Number.POSITIVE_INFINITY),
            locale,
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.create.votesPerVoter')}>
          {contest.votesPerVoter}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.create.weight')}>
          {t('contests.weightValue', {
            judge: contest.judgeWeightPct,
            popular: 100 - contest.judgeWeightPct,
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.create.judges')}>
          {contest.judges.map((j) => j.displayName).join('、') || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('contests.rubric')}>
          {contest.rubric.map((c) => `${criterionText(t, c)} ${c.maxPoints}`).join(' · ')}
        </Descriptions.Item>
      </Descriptions>
      {items.length > 0 ? (
        <Tabs activeKey={activeKey} onChange={setTab} items={items} destroyOnHidden />
      ) : (
        <Typography.Text type="secondary">{t('contests.nothingNow')}</Typography.Text>
      )}
    </Space>
  );
}
