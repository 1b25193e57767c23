// Microphone check: opens the microphone and reports its level in dBFS ~20 times a
// second, with a reason code when the browser refuses or there is no device.
import { useCallback, useEffect, useRef, useState } from 'react';

export type MicProblem = 'denied' | 'missing' | 'other';

export function useMicLevel() {
  const [levelDb, setLevelDb] = useState<number | null>(null);
  const [problem, setProblem] = useState<{ kind: MicProblem; reason: string } | null>(null);
  const stopRef = useRef<(() => void) | null>(null);

  const stop = useCallback(() => {
    stopRef.current?.();
    stopRef.current = null;
    setLevelDb(null);
  }, []);

  const start = useCallback(async () => {
    setProblem(null);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: false },
      });
    } catch (error) {
      const name = (error as DOMException).name;
      setProblem({
        kind:
          name === 'NotAllowedError' || name === 'SecurityError'
            ? 'denied'
            : name === 'NotFoundError'
              ? 'missing'
              : 'other',
        reason: (error as Error).message,
      });
      return;
    }
    const context = new AudioContext();
    const source = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(buffer);
      let sum = 0;
      for (const v of buffer) sum += v * v;
      const rms = Math.sqrt(sum / buffer.length);
      setLevelDb(rms > 0 ? Math.max(-90, 20 * Math.log10(rms)) : -90);
    }, 50);
    const track = stream.getAudioTracks()[0];
    track?.addEventListener('ended', () => {
      setProblem({ kind: 'missing', reason: 'device ended' });
      stopRef.current?.();
    });
    stopRef.current = () => {
      window.clearInterval(timer);
      for (const t of stream.getTracks()) t.stop();
      void context.close();
    };
  }, []);

  useEffect(() => () => stopRef.current?.(), []);
  return { levelDb, problem, start, stop, active: levelDb !== null };
}
