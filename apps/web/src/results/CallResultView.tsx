// One call's result: total and verdict with the four-dimension radar, the recording with
// both channels and evidence markers, the transcript, pitch and pace charts, every item with
// its advice in the UI language, and the trend over the trainee's calls. While the score is
// pending the page looks again every few seconds.
import { ArrowLeftOutlined } from '@ant-design/icons';
import type {
  CallContoursDto,
  CallResultDto,
  CallTimelineDto,
  ResultTrendDto,
  ScoreBandName,
  ScoreItemStatus,
} from '@callsim/protocol';
import { Alert, Button, Card, Col, Row, Select, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatDuration, itemLabel, valueWithUnit, warningText } from './format.js';
import { PaceChart } from './PaceChart.js';
import { PitchChart } from './PitchChart.js';
import { type EvidenceMarker, RecordingTimeline, type SeekRequest } from './RecordingTimeline.js';
import { verdictTag } from './ResultsList.js';
import {
  getCallContours,
  getCallResult,
  getCallTimeline,
  getResultTrend,
  PENDING_POLL_MS,
} from './results-api.js';
import { ScoreItems, timedEvidence } from './ScoreItems.js';
import { ScoreRadar } from './ScoreRadar.js';
import { ScoreTrendChart } from './ScoreTrendChart.js';
import { TranscriptPanel } from './TranscriptPanel.js';

const BAND_STATUS: Record<ScoreBandName, ScoreItemStatus> = { green: 'good', amber: 'warn', red: 'bad' };

export function CallResultView({
  callId,
  onBack,
  onOpen,
}: {
  callId: string;
  onBack: () => void;
  onOpen: (callId: string) => void;
}) {
  const { t, errorText } = useI18n();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<CallResultDto | null>(null);
  const [timeline, setTimeline] = useState<CallTimelineDto | null>(null);
  const [contours, setContours] = useState<CallContoursDto | null>(null);
  const [trend, setTrend] = useState<ResultTrendDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [seek, setSeek] = useState<SeekRequest | null>(null);
  const onSeek = useCallback((ms: number) => setSeek({ ms: Math.max(0, ms), nonce: Math.random() }), []);

  useEffect(() => {
    setVersion(undefined);
    setResult(null);
    setTimeline(null);
    setContours(null);
    setError(null);
    getCallTimeline(callId)
      .then(setTimeline)
      .catch(() => undefined);
  }, [callId]);

  // The result (and, once scored, the contours and trend); again every few seconds while pending.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await getCallResult(callId, version);
        if (stopped) return;
        setResult(next);
        if (next.score) {
          const [c, tr] = await Promise.all([
            getCallContours(callId, next.score.version).catch(() => null),
            getResultTrend().catch(() => null),
          ]);
          if (stopped) return;
          setContours(c);
          setTrend(tr);
        } else if (next.call.scoreState === 'pending') {
          timer = setTimeout(() => void load(), PENDING_POLL_MS);
        }
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e : new ApiError('INTERNAL', 0));
      }
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [callId, version]);

  const score = result?.score ?? null;
  const markers = useMemo<EvidenceMarker[]>(() => {
    if (!score) return [];
    return Object.values(score.score.dimensions).flatMap((dimension) =>
      dimension.items.flatMap((item) =>
        timedEvidence(item).map((e, k) => ({
          key: `${item.id}:${k}`,
          atMs: e.atMs!,
          status: e.band ? BAND_STATUS[e.band] : item.status,
          label: itemLabel(t, item.id),
        })),
      ),
    );
  }, [score, t]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="results-back">
      {t('results.back')}
    </Button>
  );
  if (error) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {back}
        <Alert
          type="error"
          showIcon
          title={
            error.code === 'CALL_NOT_FOUND'
              ? t('results.detail.notFound')
              : errorText(error.code, error.details)
          }
        />
      </Space>
    );
  }
  if (!result) return <Spin />;

  const call = result.call;
  const speechRate = score?.score.dimensions.speed.items.find((i) => i.id === 'speech-rate');
  const versionReason = (reason: string | null) =>
    reason === 'call-finished'
      ? t('results.detail.reason.call-finished')
      : reason === 'transcript-corrected'
        ? t('results.detail.reason.transcript-corrected')
        : t('results.detail.reason.other');

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="call-result">
      <Space wrap>
        {back}
        <Typography.Title level={4} style={{ margin: 0 }}>
          {call.scenarioTitle}
        </Typography.Title>
        {call.mode === 'exam' ? (
          <Tag color="purple">{t('results.mode.exam')}</Tag>
        ) : (
          <Tag>{t('results.mode.practice')}</Tag>
        )}
        <Typography.Text type="secondary">{formatDuration(call.durationMs)}</Typography.Text>
        {result.versions.length > 1 && (
          <Select<number>
            style={{ minWidth: 260 }}
            value={score?.version}
            onChange={setVersion}
            options={result.versions.map((v) => ({
              value: v.version,
              label: t('results.detail.versionLabel', {
                version: v.version,
                reason: versionReason(v.reason),
              }),
            }))}
            aria-label={t('results.detail.version')}
            data-testid="version-select"
          />
        )}
      </Space>

      {!score && call.scoreState === 'pending' && (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          title={t('results.detail.pending')}
          data-testid="result-pending"
        />
      )}
      {!score && call.scoreState === 'failed' && (
        <Alert type="warning" showIcon title={t('results.state.failedHint')} />
      )}
      {score?.score.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={warningText(t, w)} />
      ))}

      <Row gutter={[16, 16]}>
        {score && (
          <Col xs={24} lg={8}>
            <Card>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space align="end" wrap>
                  <Statistic
                    title={t('results.detail.total')}
                    value={score.total}
                    precision={1}
                    styles={{ content: { fontSize: 40 } }}
                    data-testid="result-total"
                  />
                  {verdictTag(t, score)}
                </Space>
                <Typography.Text type="secondary">
                  {t('results.detail.passScore', { score: score.score.passScore })}
                  {score.score.deductedPoints > 0 &&
                    ` · ${t('results.detail.deducted', { points: score.score.deductedPoints })}`}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('results.detail.talk', {
                    agent: formatDuration(score.score.metrics.agentTalkMs),
                    caller: formatDuration(score.score.metrics.callerTalkMs),
                  })}
                  {score.score.metrics.speechRatePerMin !== null &&
                    ` · ${t('results.detail.speechRate', {
                      rate: valueWithUnit(
                        t,
                        score.score.metrics.speechRatePerMin,
                        score.score.metrics.speechRateUnit,
                      ),
                    })}`}
                </Typography.Text>
                <ScoreRadar score={score.score} />
              </Space>
            </Card>
          </Col>
        )}
        <Col xs={24} lg={score ? 16 : 24}>
          <Card title={t('results.waveform.title')}>
            <RecordingTimeline callId={callId} markers={markers} seek={seek} />
          </Card>
          <Card title={t('results.transcript.title')} style={{ marginTop: 16 }}>
            {score ? (
              <TranscriptPanel
                transcript={score.transcript}
                corrected={score.transcriptSource === 'override'}
                onSeek={onSeek}
              />
            ) : timeline ? (
              <TranscriptPanel
                transcript={{
                  locale: call.locale === 'en-US' ? 'en-US' : 'zh-CN',
                  segments: timeline.segments,
                }}
                corrected={false}
                onSeek={onSeek}
              />
            ) : null}
          </Card>
        </Col>
      </Row>

      {contours && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('results.pitch.title')}>
              <PitchChart contours={contours} onSeek={onSeek} />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('results.pace.title')}>
              <PaceChart contours={contours} speechRate={speechRate} onSeek={onSeek} />
            </Card>
          </Col>
        </Row>
      )}

      {score && (
        <Card title={t('results.items.title')}>
          <ScoreItems score={score.score} onSeek={onSeek} />
        </Card>
      )}

      {trend && (
        <Card title={t('results.trend.title')}>
          <ScoreTrendChart trend={trend} currentCallId={callId} onOpen={onOpen} />
        </Card>
      )}
    </Space>
  );
}
