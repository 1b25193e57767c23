// Voice warm-up (发声热身): read the class template's standard greeting or closing aloud,
// once in a neutral voice and once smiling; each recording is measured by the server at
// once (pace, pitch movement, loudness, pauses) and shown against the bands. A neutral and
// a smiling reading of the same sentence become the trainee's baseline for warmth.
import type {
  DrillOverviewDto,
  WarmupReadingDto,
  WarmupSentenceId,
  WarmupSentencesDto,
  WarmupStyle,
} from '@callsim/protocol';
import { WARMUP_AUDIO_MAX_MS } from '@callsim/protocol';
import { Alert, Button, Card, Progress, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiErrorToast } from '../../admin/use-api-error.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { drillsApi } from '../drills-api.js';
import { ReadingResult } from './ReadingResult.js';
import { MicError, startVoiceRecorder, type VoiceRecorder } from './voice-recorder.js';

type Stage = 'idle' | 'starting' | 'recording' | 'measuring';

export function WarmupDrill({ overview }: { overview: DrillOverviewDto }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const classId = overview.classId ?? undefined;
  const [sentences, setSentences] = useState<WarmupSentencesDto | null>(null);
  const [sentenceId, setSentenceId] = useState<WarmupSentenceId>('greeting');
  const [style, setStyle] = useState<WarmupStyle>('neutral');
  const [stage, setStage] = useState<Stage>('idle');
  const [levelDb, setLevelDb] = useState(-90);
  const [elapsedMs, setElapsedMs] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [readings, setReadings] = useState<WarmupReadingDto[]>([]);
  const [latest, setLatest] = useState<WarmupReadingDto | null>(null);
  const recorder = useRef<VoiceRecorder | null>(null);
  const startedAt = useRef(0);
  const peakDb = useRef(-90);

  useEffect(() => {
    drillsApi.warmupSentences(classId).then(setSentences).catch(showError);
    drillsApi.readings().then(setReadings).catch(showError);
  }, [classId, showError]);
  useEffect(() => () => recorder.current?.cancel(), []);

  const stop = useCallback(async () => {
    const active = recorder.current;
    recorder.current = null;
    if (!active) return;
    setStage('measuring');
    try {
      const { wav } = await active.stop();
      const reading = await drillsApi.uploadReading(sentenceId, style, wav, classId);
      setLatest(reading);
      setReadings((current) => [reading, ...current]);
    } catch (error) {
      showError(error);
    } finally {
      setStage('idle');
    }
  }, [sentenceId, style, classId, showError]);

  // The meter is updated ~10 times a second from the loudest frame since the last update.
  useEffect(() => {
    if (stage !== 'recording') return;
    const timer = setInterval(() => {
      setLevelDb(peakDb.current);
      peakDb.current = -90;
      const elapsed = Date.now() - startedAt.current;
      setElapsedMs(elapsed);
      if (elapsed >= WARMUP_AUDIO_MAX_MS) void stop();
    }, 100);
    return () => clearInterval(timer);
  }, [stage, stop]);

  async function start() {
    setProblem(null);
    setLatest(null);
    setStage('starting');
    try {
      peakDb.current = -90;
      recorder.current = await startVoiceRecorder((db) => {
        peakDb.current = Math.max(peakDb.current, db);
      });
      startedAt.current = Date.now();
      setElapsedMs(0);
      setStage('recording');
    } catch (error) {
      setStage('idle');
      setProblem(t(`drills.warmup.mic.${error instanceof MicError ? error.kind : 'other'}`));
    }
  }

  if (!sentences) return <Spin />;
  const sentence = sentences.sentences.find((s) => s.id === sentenceId);
  const hasNeutral = readings.some(
    (r) => r.sentenceId === sentenceId && r.style === 'neutral' && r.text === sentence?.text,
  );
  const hasBaseline = sentences.sentences.some((s) =>
    (['neutral', 'smiling'] as const).every((st) =>
      readings.some((r) => r.text === s.text && r.style === st),
    ),
  );
  const recording = stage === 'recording';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('drills.warmup.intro')}</Typography.Text>
          <Space wrap>
            <Segmented<WarmupSentenceId>
              value={sentenceId}
              onChange={setSentenceId}
              disabled={stage !== 'idle'}
              options={sentences.sentences.map((s) => ({
                value: s.id,
                label: (
                  <span data-testid={`warmup-sentence-${s.id}`}>{t(`drills.warmup.sentence.${s.id}`)}</span>
                ),
              }))}
            />
            <Segmented<WarmupStyle>
              value={style}
              onChange={setStyle}
              disabled={stage !== 'idle'}
              options={(['neutral', 'smiling'] as const).map((value) => ({
                value,
                label: <span data-testid={`warmup-style-${value}`}>{t(`drills.warmup.style.${value}`)}</span>,
              }))}
            />
            {hasBaseline ? (
              <Tag color="success" data-testid="warmup-baseline-ready">
                {t('drills.warmup.baselineReady')}
              </Tag>
            ) : (
              <Tag>{t('drills.warmup.baselineMissing')}</Tag>
            )}
          </Space>
          <Typography.Paragraph
            data-testid="warmup-text"
            style={{ fontSize: 20, background: '#fafafa', padding: 16, borderRadius: 6, marginBottom: 0 }}
          >
            {sentence?.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {style === 'smiling'
              ? t(hasNeutral ? 'drills.warmup.smileHint' : 'drills.warmup.smileHintFirstNeutral')
              : t('drills.warmup.neutralHint')}
          </Typography.Text>
          <Space wrap align="center">
            {recording ? (
              <Button danger type="primary" onClick={() => void stop()} data-testid="warmup-stop">
                {t('drills.warmup.stop')}
              </Button>
            ) : (
              <Button
                type="primary"
                onClick={() => void start()}
                loading={stage === 'starting' || stage === 'measuring'}
                disabled={!sentence}
                data-testid="warmup-record"
              >
                {stage === 'measuring' ? t('drills.warmup.measuring') : t('drills.warmup.record')}
              </Button>
            )}
            {recording ? (
              <Space align="center">
                <Typography.Text strong style={{ color: '#cf1322' }}>
                  ● {t('drills.warmup.recording', { seconds: (elapsedMs / 1000).toFixed(1) })}
                </Typography.Text>
                <Progress
                  style={{ width: 220 }}
                  percent={Math.round(Math.max(0, Math.min(100, ((levelDb + 60) / 60) * 100)))}
                  showInfo={false}
                  status={levelDb > -3 ? 'exception' : 'active'}
                  aria-label={t('drills.warmup.level')}
                  data-testid="warmup-level"
                />
                <Typography.Text type="secondary" data-testid="warmup-level-db">
                  {levelDb.toFixed(0)}
                </Typography.Text>
                <Typography.Text type="secondary">dBFS</Typography.Text>
              </Space>
            ) : null}
          </Space>
          {problem ? <Alert type="error" showIcon title={problem} /> : null}
        </Space>
      </Card>
      {latest ? <ReadingResult reading={latest} bands={sentences.bands} /> : null}
    </Space>
  );
}
