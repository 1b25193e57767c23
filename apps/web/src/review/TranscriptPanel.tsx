// The call transcript beside the waveform: the line being played is highlighted and kept
// in view; clicking a line seeks there. Evaluators may correct a line — the server keeps
// the recognised text and re-scores the call from the corrected transcript.
import type { TranscriptSegmentDto } from '@callsim/protocol';
import { Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock } from '../results/format.js';

interface Props {
  segments: readonly TranscriptSegmentDto[];
  currentMs: number;
  canCorrect: boolean;
  onSeek(ms: number): void;
  onCorrect(index: number, text: string): Promise<void>;
}

/** Index of the line being played: the last line that started at or before `ms`. */
export function activeSegmentIndex(segments: readonly TranscriptSegmentDto[], ms: number): number {
  let active = -1;
  for (const s of segments) if (s.startMs <= ms) active = s.index;
  return active;
}

export function TranscriptPanel({ segments, currentMs, canCorrect, onSeek, onCorrect }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const active = activeSegmentIndex(segments, currentMs);

  useEffect(() => {
    const element = list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    element?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [active]);

  if (segments.length === 0)
    return <Typography.Text type="secondary">{t('review.transcript.empty')}</Typography.Text>;

  return (
    <ol className="review-transcript" ref={list} data-testid="transcript">
      {segments.map((s) => (
        <li
          key={s.index}
          data-index={s.index}
          data-active={s.index === active}
          className={`review-line review-line-${s.speaker}${s.index === active ? ' review-line-active' : ''}`}
        >
          <Space align="start" size="small" style={{ width: '100%' }}>
            <Button size="small" type="link" onClick={() => onSeek(s.startMs)} data-testid="transcript-seek">
              {formatClock(s.startMs)}
            </Button>
            <Tag color={s.speaker === 'agent' ? 'blue' : 'orange'}>{t(`review.speaker.${s.speaker}`)}</Tag>
            {editing === s.index ? (
              <Space.Compact style={{ flex: 1, minWidth: 280 }}>
                <Input.TextArea
                  autoSize
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  data-testid="transcript-edit-input"
                />
                <Button
                  type="primary"
                  loading={saving}
                  onClick={async () => {
                    setSaving(true);
                    try {
                      await onCorrect(s.index, draft);
                      setEditing(null);
                    } finally {
                      setSaving(false);
                    }
                  }}
                  data-testid="transcript-edit-save"
                >
                  {t('common.save')}
                </Button>
                <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
              </Space.Compact>
            ) : (
              <button type="button" className="review-line-text" onClick={() => onSeek(s.startMs)}>
                {s.text || (
                  <Typography.Text type="secondary">{t('review.transcript.noText')}</Typography.Text>
                )}
                {s.originalText !== null && (
                  <Tooltip title={t('review.transcript.original', { text: s.originalText })}>
                    <Tag color="purple" style={{ marginLeft: 8 }}>
                      {t('review.transcript.corrected')}
                    </Tag>
                  </Tooltip>
                )}
              </button>
            )}
            {canCorrect && editing !== s.index && (
              <Button
                size="small"
                type="text"
                onClick={() => {
                  setEditing(s.index);
                  setDraft(s.text);
                }}
                data-testid="transcript-edit"
              >
                {t('review.transcript.correct')}
              </Button>
            )}
          </Space>
        </li>
      ))}
    </ol>
  );
}
