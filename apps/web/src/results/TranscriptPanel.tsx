// The transcript as scored (the timeline's, or the evaluator's correction), one line per
// turn with its time; clicking a line moves the recording there.
import type { ScoreTranscriptDto } from '@callsim/protocol';
import { Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock } from './format.js';

export function TranscriptPanel({
  transcript,
  corrected,
  onSeek,
}: {
  transcript: ScoreTranscriptDto;
  corrected: boolean;
  onSeek: (ms: number) => void;
}) {
  const { t } = useI18n();
  if (transcript.segments.length === 0)
    return <Typography.Text type="secondary">{t('results.transcript.empty')}</Typography.Text>;
  return (
    <div data-testid="transcript">
      {corrected && <Tag color="purple">{t('results.transcript.corrected')}</Tag>}
      <ol className="result-transcript">
        {transcript.segments.map((s) => (
          <li key={`${s.speaker}-${s.startMs}-${s.endMs}`} className={`speaker-${s.speaker}`}>
            <button
              className="linklike"
              onClick={() => onSeek(s.startMs)}
              title={t('results.items.seek', { time: formatClock(s.startMs) })}
            >
              {formatClock(s.startMs)}
            </button>{' '}
            <Tag color={s.speaker === 'agent' ? 'blue' : 'orange'}>
              {s.speaker === 'agent' ? t('results.transcript.agent') : t('results.transcript.caller')}
            </Tag>
            <span>{s.text || '…'}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
