// Timestamped comments on a call: each is pinned to a moment of the recording (the
// playhead when it was written) or to the whole call; clicking the time seeks there.

import { DeleteOutlined } from '@ant-design/icons';
import type { ReviewCommentDto } from '@callsim/protocol';
import { Button, Checkbox, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock } from '../results/format.js';

interface Props {
  comments: readonly ReviewCommentDto[];
  currentMs: number;
  viewerId: string | null;
  canComment: boolean;
  onSeek(ms: number): void;
  onAdd(atMs: number | null, text: string): Promise<void>;
  onDelete(commentId: string): Promise<void>;
}

export function CommentsPanel({ comments, currentMs, viewerId, canComment, onSeek, onAdd, onDelete }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [pinned, setPinned] = useState(true);
  const [saving, setSaving] = useState(false);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {comments.length === 0 && (
        <Typography.Text type="secondary">{t('review.comments.empty')}</Typography.Text>
      )}
      <ul className="review-comments" data-testid="comment-list">
        {comments.map((c) => (
          <li key={c.id} data-testid="comment" data-at-ms={c.atMs ?? ''}>
            {c.atMs === null ? (
              <Typography.Text type="secondary">{t('review.comments.wholeCall')}</Typography.Text>
            ) : (
              <Button size="small" type="link" onClick={() => onSeek(c.atMs as number)}>
                {formatClock(c.atMs)}
              </Button>
            )}
            <Typography.Text strong>{c.author.displayName}</Typography.Text>
            <span className="review-comment-text">{c.text}</span>
            {viewerId === c.author.id && canComment && (
              <Popconfirm title={t('review.comments.deleteConfirm')} onConfirm={() => onDelete(c.id)}>
                <Button
                  size="small"
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('review.comments.delete')}
                />
              </Popconfirm>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <>
          <Input.TextArea
            rows={2}
            maxLength={1000}
            value={text}
            placeholder={t('review.comments.placeholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="comment-input"
          />
          <Space>
            <Checkbox
              checked={pinned}
              onChange={(e) => setPinned(e.target.checked)}
              data-testid="comment-pin"
            >
              {t('review.comments.atTime', { time: formatClock(currentMs) })}
            </Checkbox>
            <Button
              type="primary"
              disabled={text.trim() === ''}
              loading={saving}
              onClick={async () => {
                setSaving(true);
                try {
                  await onAdd(pinned ? Math.round(currentMs) : null, text.trim());
                  setText('');
                } finally {
                  setSaving(false);
                }
              }}
              data-testid="comment-add"
            >
              {t('review.comments.add')}
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
