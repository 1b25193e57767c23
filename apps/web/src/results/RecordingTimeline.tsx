// The call recording as two waveforms (wavesurfer.js, splitChannels: the trainee on the left
// channel above, the customer on the right channel below) with a marker per piece of scoring
// evidence. Clicking a marker, or asking through `seek`, moves the playhead there.
import { PauseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { ScoreItemStatus } from '@callsim/protocol';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock, STATUS_MARKER_COLORS } from './format.js';
import { recordingUrl } from './results-api.js';

/** One evidence marker: where (ms from answer), how it went, and what it is about. */
export interface EvidenceMarker {
  key: string;
  atMs: number;
  status: ScoreItemStatus;
  label: string;
}

export interface SeekRequest {
  ms: number;
  /** Changes on every request, so asking for the same time twice seeks twice. */
  nonce: number;
}

const AGENT_COLOR = '#1677ff';
const CALLER_COLOR = '#fa8c16';

export function RecordingTimeline({
  callId,
  markers,
  seek,
  onMarker,
}: {
  callId: string;
  markers: EvidenceMarker[];
  seek: SeekRequest | null;
  onMarker?: (key: string) => void;
}) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement | null>(null);
  const wave = useRef<WaveSurfer | null>(null);
  const regions = useRef<RegionsPlugin | null>(null);
  const onMarkerRef = useRef(onMarker);
  onMarkerRef.current = onMarker;
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [playing, setPlaying] = useState(false);
  const [timeMs, setTimeMs] = useState(0);

  useEffect(() => {
    if (!container.current) return;
    setState('loading');
    const regionsPlugin = RegionsPlugin.create();
    const instance = WaveSurfer.create({
      container: container.current,
      url: recordingUrl(callId),
      height: 64,
      normalize: true,
      splitChannels: [
        { waveColor: AGENT_COLOR, progressColor: '#0958d9' },
        { waveColor: CALLER_COLOR, progressColor: '#d46b08' },
      ],
      cursorColor: '#f5222d',
      dragToSeek: true,
      plugins: [regionsPlugin, TimelinePlugin.create({ height: 18 })],
    });
    regionsPlugin.on('region-clicked', (region, event) => {
      event.stopPropagation();
      instance.setTime(region.start);
      onMarkerRef.current?.(region.id);
    });
    instance.on('ready', () => setState('ready'));
    instance.on('error', () => setState('error'));
    instance.on('play', () => setPlaying(true));
    instance.on('pause', () => setPlaying(false));
    instance.on('timeupdate', (seconds) => setTimeMs(seconds * 1000));
    wave.current = instance;
    regions.current = regionsPlugin;
    return () => {
      instance.destroy();
      wave.current = null;
      regions.current = null;
    };
  }, [callId]);

  useEffect(() => {
    const plugin = regions.current;
    if (state !== 'ready' || !plugin) return;
    plugin.clearRegions();
    for (const marker of markers) {
      if (marker.atMs < 0) continue;
      const content = document.createElement('span');
      content.className = 'evidence-marker';
      content.title = `${formatClock(marker.atMs)} ${marker.label}`;
      content.textContent = '▼';
      content.style.color = STATUS_MARKER_COLORS[marker.status];
      plugin.addRegion({
        id: marker.key,
        start: marker.atMs / 1000,
        color: STATUS_MARKER_COLORS[marker.status],
        content,
        drag: false,
        resize: false,
      });
    }
  }, [markers, state]);

  useEffect(() => {
    if (!seek || !wave.current) return;
    wave.current.setTime(seek.ms / 1000);
    container.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [seek]);

  return (
    <div data-testid="waveform" data-state={state}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button
          icon={playing ? <PauseOutlined /> : <PlayCircleOutlined />}
          disabled={state !== 'ready'}
          onClick={() => void wave.current?.playPause()}
          data-testid="waveform-play"
        >
          {playing ? t('results.waveform.pause') : t('results.waveform.play')}
        </Button>
        <Typography.Text code>{formatClock(timeMs)}</Typography.Text>
        <Tag color={AGENT_COLOR}>{t('results.waveform.agent')}</Tag>
        <Tag color={CALLER_COLOR}>{t('results.waveform.caller')}</Tag>
        <Typography.Text type="secondary">{t('results.waveform.markers')}</Typography.Text>
      </Space>
      {state === 'loading' && (
        <Typography.Paragraph type="secondary">{t('results.waveform.loading')}</Typography.Paragraph>
      )}
      {state === 'error' && <Alert type="warning" showIcon title={t('results.waveform.error')} />}
      <div ref={container} className="call-waveform" />
    </div>
  );
}
