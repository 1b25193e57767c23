// The call recording as two waveforms (agent = left channel on top, customer = right
// channel below) with wavesurfer.js `splitChannels`, markers for auto-score evidence and
// comments, and a playback rate of 0.5–2×. The WAV is fetched once and played from a
// blob so seeking works everywhere. Parents control it through `ref` (seek, play, pause).

import { type Ref, useEffect, useImperativeHandle, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';

export interface WaveformMarker {
  id: string;
  atMs: number;
  endMs?: number | null;
  label: string;
  color: string;
}

export interface WaveformHandle {
  seekMs(ms: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
}

interface Props {
  url: string;
  markers: readonly WaveformMarker[];
  /** 0.5–2. */
  rate: number;
  onTimeMs(ms: number): void;
  onPlayingChange(playing: boolean): void;
  onReady(durationMs: number): void;
  onError(error: Error): void;
  ref?: Ref<WaveformHandle>;
}

export function StereoWaveform({
  url,
  markers,
  rate,
  onTimeMs,
  onPlayingChange,
  onReady,
  onError,
  ref,
}: Props) {
  const container = useRef<HTMLDivElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const regions = useRef<RegionsPlugin | null>(null);
  const [ready, setReady] = useState(false);
  // The latest callbacks, without re-creating the player when a parent re-renders.
  const handlers = useRef({ onTimeMs, onPlayingChange, onReady, onError });
  handlers.current = { onTimeMs, onPlayingChange, onReady, onError };

  useEffect(() => {
    if (!container.current) return;
    const plugin = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: container.current,
      height: 64,
      normalize: true,
      dragToSeek: true,
      cursorColor: '#222',
      splitChannels: [
        { waveColor: '#91caff', progressColor: '#1677ff' },
        { waveColor: '#ffd591', progressColor: '#fa8c16' },
      ],
      plugins: [plugin],
    });
    surfer.current = ws;
    regions.current = plugin;
    setReady(false);
    const unsubscribe = [
      ws.on('ready', (durationS) => {
        setReady(true);
        handlers.current.onReady(Math.round(durationS * 1000));
      }),
      ws.on('timeupdate', (timeS) => handlers.current.onTimeMs(Math.round(timeS * 1000))),
      ws.on('play', () => handlers.current.onPlayingChange(true)),
      ws.on('pause', () => handlers.current.onPlayingChange(false)),
      ws.on('error', (error) => handlers.current.onError(error)),
    ];
    plugin.on('region-clicked', (region, event) => {
      event.stopPropagation();
      ws.setTime(region.start);
    });
    const abort = new AbortController();
    fetch(url, { credentials: 'same-origin', signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`recording: HTTP ${response.status}`);
        await ws.loadBlob(await response.blob());
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') handlers.current.onError(error);
      });
    return () => {
      abort.abort();
      for (const off of unsubscribe) off();
      ws.destroy();
      surfer.current = null;
      regions.current = null;
    };
  }, [url]);

  // Also re-applied when a (re)created player becomes ready, so a speed chosen while the
  // audio was still loading is not lost.
  useEffect(() => {
    if (ready) surfer.current?.setPlaybackRate(rate, true);
  }, [rate, ready]);

  useEffect(() => {
    const plugin = regions.current;
    if (!ready || !plugin) return;
    plugin.clearRegions();
    for (const marker of markers) {
      const label = document.createElement('span');
      label.textContent = '▾';
      label.title = marker.label;
      label.className = 'review-marker-label';
      plugin.addRegion({
        id: marker.id,
        start: marker.atMs / 1000,
        ...(marker.endMs && marker.endMs > marker.atMs ? { end: marker.endMs / 1000 } : {}),
        color: marker.color,
        content: label,
        drag: false,
        resize: false,
      });
    }
  }, [markers, ready]);

  useImperativeHandle(
    ref,
    () => ({
      seekMs: (ms) => surfer.current?.setTime(Math.max(0, ms) / 1000),
      play: () => void surfer.current?.play(),
      pause: () => surfer.current?.pause(),
      togglePlay: () => void surfer.current?.playPause(),
    }),
    [],
  );

  return <div ref={container} className="review-waveform" data-testid="waveform" data-ready={ready} />;
}
