// Records one customer line from the microphone: start, watch the level, stop, listen,
// then save — the WAV (16 kHz mono, made in the browser) is uploaded and the server writes
// `audio:` on the turn. Errors (microphone, refused upload) stay in the dialog with their reason.
import type { GraphTurnDto, LineAudioSavedDto } from '@callsim/protocol';
import { LINE_AUDIO_MAX_MS } from '@callsim/protocol';
import { Alert, Button, Modal, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { type LineRecorder, MicError, type Playback, playBlob, startLineRecording } from './line-audio.js';
import { uploadLine } from './scripts-api.js';

type Stage = 'idle' | 'starting' | 'recording' | 'recorded' | 'uploading';

export interface RecordLineModalProps {
  path: string;
  turn: GraphTurnDto | null;
  onClose: () => void;
  onSaved: (saved: LineAudioSavedDto) => void;
}

export function RecordLineModal({ path, turn, onClose, onSaved }: RecordLineModalProps) {
  const { t, errorText } = useI18n();
  const [stage, setStage] = useState<Stage>('idle');
  const [levelDb, setLevelDb] = useState(-100);
  const [elapsedMs, setElapsedMs] = useState(0);
  const [clip, setClip] = useState<{ wav: Blob; durationMs: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const recorder = useRef<LineRecorder | null>(null);
  const playback = useRef<Playback | null>(null);
  const startedAt = useRef(0);

  const reset = () => {
    recorder.current?.cancel();
    recorder.current = null;
    playback.current?.stop();
    playback.current = null;
    setStage('idle');
    setClip(null);
    setProblem(null);
    setElapsedMs(0);
    setLevelDb(-100);
  };
  // A new turn (or closing the dialog) starts from scratch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the turn changes
  useEffect(() => reset, [turn?.id]);

  const stopRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    if (stage !== 'recording') return;
    const timer = setInterval(() => {
      const elapsed = Date.now() - startedAt.current;
      setElapsedMs(elapsed);
      if (elapsed >= LINE_AUDIO_MAX_MS) void stopRef.current();
    }, 200);
    return () => clearInterval(timer);
  }, [stage]);

  async function start() {
    setProblem(null);
    setClip(null);
    setStage('starting');
    try {
      recorder.current = await startLineRecording(setLevelDb);
      startedAt.current = Date.now();
      setElapsedMs(0);
      setStage('recording');
    } catch (error) {
      setStage('idle');
      const kind = error instanceof MicError ? error.kind : 'other';
      setProblem(t(`scripts.record.mic.${kind}`));
    }
  }

  async function stop() {
    const active = recorder.current;
    recorder.current = null;
    if (!active) return;
    try {
      setClip(await active.stop());
      setStage('recorded');
    } catch {
      setStage('idle');
      setProblem(t('scripts.record.mic.other'));
    }
  }

  stopRef.current = stop;

  async function save() {
    if (!clip || !turn) return;
    setStage('uploading');
    try {
      onSaved(await uploadLine(path, turn.id, clip.wav));
    } catch (error) {
      setStage('recorded');
      setProblem(
        error instanceof ApiError && error.code !== 'NETWORK'
          ? errorText(error.code, error.details)
          : t('common.networkError'),
      );
    }
  }

  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return (
    <Modal
      open={turn !== null}
      title={t('scripts.record.title', { id: turn?.id ?? '' })}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={null}
      destroyOnHidden
      mask={{ closable: stage !== 'recording' && stage !== 'uploading' }}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Text type="secondary">{t('scripts.record.readThis')}</Typography.Text>
        <Typography.Paragraph style={{ fontSize: 16, background: '#fafafa', padding: 12, borderRadius: 6 }}>
          {turn?.sayText}
        </Typography.Paragraph>
        {turn?.audio ? (
          <Typography.Text type="warning">
            {t('scripts.record.replaces', { clip: turn.audio })}
          </Typography.Text>
        ) : null}
        {stage === 'recording' ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong style={{ color: '#cf1322' }}>
              ●{' '}
              {t('scripts.record.recording', { seconds: seconds(elapsedMs), max: LINE_AUDIO_MAX_MS / 1000 })}
            </Typography.Text>
            <Progress
              percent={Math.round(Math.max(0, Math.min(100, ((levelDb + 60) / 60) * 100)))}
              showInfo={false}
              status={levelDb > -3 ? 'exception' : 'active'}
              aria-label={t('scripts.record.level')}
            />
          </Space>
        ) : null}
        {clip && stage !== 'recording' ? (
          <Typography.Text>
            {t('scripts.record.recorded', { seconds: seconds(clip.durationMs) })}
          </Typography.Text>
        ) : null}
        {problem ? <Alert type="error" showIcon title={problem} /> : null}
        <Space wrap>
          {stage === 'recording' ? (
            <Button danger type="primary" onClick={() => void stop()} data-testid="record-stop">
              {t('scripts.record.stop')}
            </Button>
          ) : (
            <Button
              onClick={() => void start()}
              loading={stage === 'starting'}
              disabled={stage === 'uploading'}
              data-testid="record-start"
            >
              {clip ? t('scripts.record.again') : t('scripts.record.start')}
            </Button>
          )}
          <Button
            disabled={!clip || stage === 'recording'}
            onClick={() => {
              if (!clip) return;
              playback.current?.stop();
              playback.current = playBlob(clip.wav);
            }}
          >
            {t('scripts.record.listen')}
          </Button>
          <Button
            type="primary"
            disabled={!clip || stage === 'recording'}
            loading={stage === 'uploading'}
            onClick={() => void save()}
            data-testid="record-save"
          >
            {t('scripts.record.save')}
          </Button>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('scripts.record.help')}
        </Typography.Text>
      </Space>
    </Modal>
  );
}
