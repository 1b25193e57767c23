// Judges score each entry on the contest rubric, blind (labels only), with the automatic
// voice measures of the entry's agent channel beside it: pace, pitch movement, loudness.
import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { ContestDto, ContestEntryDto, VoiceMeasuresDto } from '@callsim/protocol';
import { App, Button, Descriptions, Empty, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { criterionText, formatSeconds } from './contest-text.js';
import { contestsApi } from './contests-api.js';
import { useEntryPlayer } from './use-entry-player.js';

export function MeasuresView({ measures }: { measures: VoiceMeasuresDto }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} colon={false}>
      <Descriptions.Item label={t('contests.measure.pace')}>
        {t('contests.measure.paceValue', { rate: Math.round(measures.articulationRatePerMin) })}
      </Descriptions.Item>
      <Descriptions.Item label={t('contests.measure.pitch')}>
        {t('contests.measure.pitchValue', {
          sd: measures.f0SdSemitones.toFixed(1),
          median: Math.round(measures.f0MedianHz),
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('contests.measure.loudness')}>
        {t('contests.measure.loudnessValue', {
          mean: measures.intensityMeanDb.toFixed(1),
          sd: measures.intensitySdDb.toFixed(1),
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('contests.measure.pauses')}>
        {t('contests.measure.pausesValue', {
          count: measures.pauseCount,
          longest: formatSeconds(measures.longestPauseMs),
        })}
      </Descriptions.Item>
    </Descriptions>
  );
}

function ScoreForm({
  contest,
  entry,
  onSaved,
}: {
  contest: ContestDto;
  entry: ContestEntryDto;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [points, setPoints] = useState<Record<string, number | null>>(() =>
    Object.fromEntries(contest.rubric.map((c) => [c.id, entry.myScore?.points[c.id] ?? null])),
  );
  const [comment, setComment] = useState(entry.myScore?.comment ?? '');
  const complete = contest.rubric.every((c) => typeof points[c.id] === 'number');
  const total = contest.rubric.reduce((sum, c) => sum + (points[c.id] ?? 0), 0);
  const editable = contest.phase !== 'closed';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {contest.rubric.map((criterion) => (
        <Space key={criterion.id} style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text>
            {criterionText(t, criterion)}（{criterion.maxPoints}）
          </Typography.Text>
          <InputNumber
            data-testid={`score-${entry.label}-${criterion.id}`}
            min={0}
            max={criterion.maxPoints}
            precision={0}
            disabled={!editable}
            value={points[criterion.id]}
            onChange={(value) => setPoints((p) => ({ ...p, [criterion.id]: value }))}
          />
        </Space>
      ))}
      <Input.TextArea
        rows={2}
        maxLength={500}
        placeholder={t('contests.judge.comment')}
        value={comment}
        disabled={!editable}
        onChange={(e) => setComment(e.target.value)}
      />
      <Space>
        <Typography.Text strong>{t('contests.judge.total', { total })}</Typography.Text>
        <Button
          type="primary"
          data-testid={`score-save-${entry.label}`}
          disabled={!complete || !editable}
          onClick={async () => {
            try {
              await contestsApi.score(
                contest.id,
                entry.key,
                Object.fromEntries(contest.rubric.map((c) => [c.id, points[c.id] ?? 0])),
                comment,
              );
              void message.success(t('contests.judge.saved', { label: entry.label }));
              onSaved();
            } catch (error) {
              showError(error);
            }
          }}
        >
          {t('common.save')}
        </Button>
      </Space>
    </Space>
  );
}

export function JudgePanel({ contest }: { contest: ContestDto }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [entries, setEntries] = useState<ContestEntryDto[] | null>(null);
  const reload = useCallback(() => {
    contestsApi.entries(contest.id).then(setEntries).catch(showError);
  }, [contest.id, showError]);
  useEffect(reload, [reload]);
  const player = useEntryPlayer(() => undefined);

  if (entries === null) return null;
  if (entries.length === 0) return <Empty description={t('contests.vote.noEntries')} />;
  return (
    <Table
      rowKey="key"
      dataSource={entries}
      pagination={false}
      columns={[
        {
          title: t('contests.entry.column'),
          width: 180,
          render: (_, entry) => (
            <Space orientation="vertical">
              <Typography.Text strong>{t('contests.entry.label', { label: entry.label })}</Typography.Text>
              <Button
                size="small"
                icon={player.playingKey === entry.key ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
                onClick={() => player.toggle(entry)}
              >
                {formatSeconds(entry.durationMs)}
              </Button>
              {entry.myScore && <Tag color="green">{t('contests.judge.scored')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('contests.measure.title'),
          width: 320,
          render: (_, entry) => (entry.measures ? <MeasuresView measures={entry.measures} /> : null),
        },
        {
          title: t('contests.judge.rubric'),
          render: (_, entry) => <ScoreForm contest={contest} entry={entry} onSaved={reload} />,
        },
      ]}
    />
  );
}
