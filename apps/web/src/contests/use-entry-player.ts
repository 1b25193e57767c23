// One contest entry playing at a time. Reports a play to the server when the audio reaches
// its end (the server refuses the mark if the listen was too short, e.g. after seeking).
import type { ContestEntryDto } from '@callsim/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { audioUrl } from './contests-api.js';

export interface EntryPlayer {
  /** Key of the entry playing now. */
  playingKey: string | null;
  /** Progress of the playing entry, 0–1. */
  progress: number;
  toggle(entry: ContestEntryDto): void;
}

export function useEntryPlayer(onEnded: (entry: ContestEntryDto) => void): EntryPlayer {
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [playingKey, setPlayingKey] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const onEndedRef = useRef(onEnded);
  onEndedRef.current = onEnded;

  const stop = useCallback(() => {
    const audio = audioRef.current;
    if (audio) {
      audio.pause();
      audio.removeAttribute('src');
      audio.load();
    }
    audioRef.current = null;
    setPlayingKey(null);
    setProgress(0);
  }, []);

  useEffect(() => stop, [stop]);

  const toggle = useCallback(
    (entry: ContestEntryDto) => {
      if (audioRef.current && playingKey === entry.key) {
        stop();
        return;
      }
      stop();
      const audio = new Audio(audioUrl(entry));
      audio.preload = 'auto';
      audioRef.current = audio;
      audio.addEventListener('timeupdate', () => {
        if (audio.duration > 0) setProgress(Math.min(1, audio.currentTime / audio.duration));
      });
      audio.addEventListener('ended', () => {
        if (audioRef.current !== audio) return;
        setProgress(1);
        audioRef.current = null;
        setPlayingKey(null);
        onEndedRef.current(entry);
      });
      setPlayingKey(entry.key);
      void audio.play().catch(() => stop());
    },
    [playingKey, stop],
  );

  return { playingKey, progress, toggle };
}
