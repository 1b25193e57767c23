// Reviewing one call: the stereo waveform with auto-score evidence and comments as
// markers, playback speed, the transcript following playback, timestamped comments, the
// rubric form, the auto-score (with its versions) and, after publishing, colleagues' reviews.

import { ArrowLeftOutlined, DownloadOutlined, PauseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { ReviewWorkspaceDto, SaveReviewBody } from '@callsim/protocol';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock, formatDuration, itemLabel } from '../results/format.js';
import { CommentsPanel } from './CommentsPanel.js';
import { RubricForm } from './RubricForm.js';
import { recordingDownloadUrl, reviewApi } from './review-api.js';
import { GRADE_COLORS, tKey } from './review-format.js';
import { StereoWaveform, type WaveformHandle, type WaveformMarker } from './StereoWaveform.js';
import { TranscriptPanel } from './TranscriptPanel.js';
import './review.css';

const RATES = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
const BAND_COLORS = {
  green: 'rgba(82,196,26,0.25)',
  amber: 'rgba(250,173,20,0.3)',
  red: 'rgba(255,77,79,0.3)',
};

export function ReviewPage() {
  const { callId = '' } = useParams();
  const { t, errorText } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [workspace, setWorkspace] = useState<ReviewWorkspaceDto | null>(null);
  const [currentMs, setCurrentMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRate] = useState(1);
  const [audioError, setAudioError] = useState<string | null>(null);
  const [durationMs, setDurationMs] = useState<number | null>(null);
  const player = useRef<WaveformHandle>(null);

  const reload = useCallback(async () => {
    try {
      setWorkspace(await reviewApi.workspace(callId));
    } catch (error) {
      showError(error);
    }
  }, [callId, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const markers = useMemo<WaveformMarker[]>(() => {
    if (!workspace) return [];
    const evidence = (workspace.autoScore?.markers ?? []).map((m, k) => ({
      id: `auto-${k}`,
      atMs: m.atMs,
      // Problems (amber, red) are shaded over their stretch; good evidence is a point marker.
      endMs: m.band === 'green' ? null : m.endMs,
      label: `${itemLabel(t, m.itemId)}${m.text ? `: ${m.text}` : ''}`,
      color: BAND_COLORS[m.band ?? 'amber'],
    }));
    const comments = workspace.comments
      .filter((c) => c.atMs !== null)
      .map((c) => ({
        id: `comment-${c.id}`,
        atMs: c.atMs as number,
        label: `${c.author.displayName}: ${c.text}`,
        color: 'rgba(114,46,209,0.35)',
      }));
    return [...evidence, ...comments];
  }, [workspace, t]);

  if (!workspace) return <Spin />;
  const { call } = workspace;
  const save = async (body: SaveReviewBody) => {
    try {
      await reviewApi.saveReview(callId, body);
      await reload();
      void message.success(t('review.saved'));
    } catch (error) {
      showError(error);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="review-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Space>
          <Link to="/recordings">
            <ArrowLeftOutlined /> {t('review.backToList')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {call.scenarioTitle} · {call.trainee.displayName}
          </Typography.Title>
        </Space>
        <Button
          icon={<DownloadOutlined />}
          href={recordingDownloadUrl(callId)}
          data-testid="recording-download"
        >
          {t('review.download')}
        </Button>
      </Space>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t('review.col.date')}>
          {new Date(call.createdAtMs).toLocaleString()}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.col.duration')}>
          {formatDuration(call.durationMs)}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.col.category')}>
          {tKey(t, `review.category.${call.category}`, call.category)}
        </Descriptions.Item>
        <Descriptions.Item label={t('review.col.auto')}>
          {workspace.autoScore ? (
            <Tag color={workspace.autoScore.passed ? 'green' : 'red'} data-testid="auto-score">
              {workspace.autoScore.total}
            </Tag>
          ) : (
            t('review.auto.pending')
          )}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small">
        {audioError && <Alert type="warning" showIcon message={audioError} style={{ marginBottom: 8 }} />}
        <div className="review-channel-labels">
          <span className="review-channel-agent">{t('review.channel.agent')}</span>
          <span className="review-channel-caller">{t('review.channel.caller')}</span>
        </div>
        <StereoWaveform
          ref={player}
          url={recordingDownloadUrl(callId)}
          markers={markers}
          rate={rate}
          onTimeMs={setCurrentMs}
          onPlayingChange={setPlaying}
          onReady={setDurationMs}
          onError={(error) => setAudioError(`${t('review.audioError')} (${error.message})`)}
        />
        <Space style={{ marginTop: 8 }}>
          <Button
            type="primary"
            icon={playing ? <PauseOutlined /> : <PlayCircleOutlined />}
            onClick={() => player.current?.togglePlay()}
            disabled={durationMs === null}
            data-testid="play-toggle"
          >
            {playing ? t('review.pause') : t('review.play')}
          </Button>
          <span data-testid="current-time" data-ms={Math.round(currentMs)}>
            {formatClock(currentMs)} / {durationMs === null ? '—' : formatClock(durationMs)}
          </span>
          <Typography.Text>{t('review.speed')}</Typography.Text>
          <Select
            value={rate}
            onChange={setRate}
            style={{ width: 90 }}
            options={RATES.map((r) => ({ value: r, label: `${r}×` }))}
            data-testid="playback-rate"
          />
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('review.transcript.title')}>
              <TranscriptPanel
                segments={workspace.segments}
                currentMs={currentMs}
                canCorrect={workspace.canReview}
                onSeek={(ms) => player.current?.seekMs(ms)}
                onCorrect={async (index, text) => {
                  try {
                    const result = await reviewApi.correct(callId, index, text);
                    setWorkspace(result.workspace);
                    if (result.rescored)
                      void message.success(
                        t('review.transcript.rescored', { version: result.scoreVersion ?? '' }),
                      );
                    else void message.warning(errorText('RESCORE_UNAVAILABLE'));
                  } catch (error) {
                    showError(error);
                    throw error;
                  }
                }}
              />
            </Card>
            <Card size="small" title={t('review.comments.title')}>
              <CommentsPanel
                comments={workspace.comments}
                currentMs={currentMs}
                viewerId={user?.id ?? null}
                canComment={workspace.canReview}
                onSeek={(ms) => player.current?.seekMs(ms)}
                onAdd={async (atMs, text) => {
                  try {
                    await reviewApi.addComment(callId, { atMs, text });
                    await reload();
                  } catch (error) {
                    showError(error);
                    throw error;
                  }
                }}
                onDelete={async (id) => {
                  try {
                    await reviewApi.deleteComment(id);
                    await reload();
                  } catch (error) {
                    showError(error);
                  }
                }}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={11}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('review.rubric.title')}>
              <RubricForm
                rubric={workspace.rubric}
                review={workspace.myReview}
                autoScore={workspace.autoScore}
                canEdit={workspace.canReview}
                onSave={save}
                onPublish={async (body) => {
                  try {
                    await reviewApi.saveReview(callId, body);
                    await reviewApi.publish(callId);
                    await reload();
                    void message.success(t('review.publishedToast'));
                  } catch (error) {
                    showError(error);
                  }
                }}
              />
            </Card>
            <Card size="small" title={t('review.auto.title')}>
              {workspace.autoScore ? (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    {workspace.autoScore.dimensions.map((d) => (
                      <Tag key={d.id}>
                        {tKey(t, `review.dimension.${d.id}`, d.id)} {d.score ?? '—'}
                      </Tag>
                    ))}
                  </Space>
                  <Table
                    size="small"
                    rowKey="version"
                    pagination={false}
                    dataSource={workspace.autoScoreVersions}
                    data-testid="score-versions"
                    columns={[
                      { title: t('review.auto.version'), dataIndex: 'version', width: 60 },
                      { title: t('review.auto.total'), dataIndex: 'total', width: 70 },
                      {
                        title: t('review.auto.reason'),
                        dataIndex: 'reason',
                        render: (r: string | null) => (r ? tKey(t, `review.reason.${r}`, r) : '—'),
                      },
                    ]}
                  />
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('review.auto.pending')}</Typography.Text>
              )}
            </Card>
            {workspace.otherReviews.length > 0 && (
              <Card size="small" title={t('review.others.title')}>
                <Table
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={workspace.otherReviews}
                  columns={[
                    { title: t('review.others.evaluator'), render: (_, r) => r.evaluator.displayName },
                    { title: t('review.others.total'), render: (_, r) => `${r.totalPct}%` },
                    {
                      title: t('review.grade.label'),
                      render: (_, r) =>
                        r.grade ? (
                          <Tag color={GRADE_COLORS[r.grade]}>{t(`review.grade.${r.grade}`)}</Tag>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
