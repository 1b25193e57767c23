// One dictation attempt in the browser: the clip is fetched once when the attempt starts,
// every play is first registered with the server (which holds the replay limit), then
// played at the chosen speed with the pitch kept (HTMLMediaElement.preservesPitch).
import type { TypingAttemptStartedDto } from '@callsim/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { drillsApi } from '../drills-api.js';

export interface Dictation {
  /** Plays used and left (null = no limit). */
  playCount: number;
  remaining: number | null;
  playing: boolean;
  /** The clip is fetched and ready to play. */
  ready: boolean;
  play(): Promise<void>;
  stop(): void;
}

export function useDictation(
  attempt: TypingAttemptStartedDto | null,
  onError: (error: unknown) => void,
): Dictation {
  const [playCount, setPlayCount] = useState(0);
  const [remaining, setRemaining] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [url, setUrl] = useState<string | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);

  useEffect(() => {
    setPlayCount(attempt?.playCount ?? 0);
    setRemaining(attempt && attempt.replayLimit > 0 ? attempt.replayLimit - attempt.playCount : null);
    setPlaying(false);
    setUrl(null);
    if (!attempt) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    drillsApi
      .attemptAudio(attempt.audioUrl)
      .then((blob) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(onError);
    return () => {
      cancelled = true;
      audio.current?.pause();
      audio.current = null;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [attempt, onError]);

  const stop = useCallback(() => {
    audio.current?.pause();
    setPlaying(false);
  }, []);

  const play = useCallback(async () => {
    if (!attempt || !url) return;
    try {
      const counted = await drillsApi.registerPlay(attempt.attemptId);
      setPlayCount(counted.playCount);
      setRemaining(counted.remaining);
    } catch (error) {
      onError(error);
      return;
    }
    audio.current?.pause();
    const element = new Audio(url);
    element.preservesPitch = true;
    element.playbackRate = attempt.speed;
    element.addEventListener('ended', () => setPlaying(false));
    element.addEventListener('error', () => setPlaying(false));
    audio.current = element;
    setPlaying(true);
    await element.play().catch(() => setPlaying(false));
  }, [attempt, url, onError]);

  return { playCount, remaining, playing, ready: url !== null, play, stop };
}
