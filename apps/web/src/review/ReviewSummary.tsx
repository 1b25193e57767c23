// What a trainee sees of the human review of one call: each published review's rubric
// (points per item and deductions), the final grade, the evaluator's summary and the
// timestamped comments. Embeddable anywhere (the results page uses it) as
// <ReviewSummary callId=… />; `onSeekMs`, when given, makes comment times clickable.
import type { ReviewSummaryDto } from '@callsim/protocol';
import { Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatClock } from '../results/format.js';
import { reviewApi } from './review-api.js';
import { GRADE_COLORS, label } from './review-format.js';

export interface ReviewSummaryProps {
  callId: string;
  /** Called when the trainee clicks a comment's time (e.g. to seek a player). */
  onSeekMs?: (ms: number) => void;
}

export function ReviewSummary({ callId, onSeekMs }: ReviewSummaryProps) {
  const { t, locale, errorText } = useI18n();
  const [summary, setSummary] = useState<ReviewSummaryDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setSummary(null);
    setError(null);
    reviewApi
      .summary(callId)
      .then((s) => !cancelled && setSummary(s))
      .catch(
        (e: unknown) =>
          !cancelled &&
          setError(e instanceof ApiError ? errorText(e.code, e.details) : t('common.networkError')),
      );
    return () => {
      cancelled = true;
    };
  }, [callId, t, errorText]);

  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!summary) return <Spin size="small" />;
  if (summary.reviews.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('review.summary.none')}
        data-testid="review-summary-empty"
      />
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="review-summary">
      {summary.reviews.map((review) => (
        <Card
          key={review.id}
          size="small"
          title={t('review.summary.by', { name: review.evaluator.displayName })}
          extra={
            review.grade && (
              <Tag color={GRADE_COLORS[review.grade]} data-testid="review-summary-grade">
                {t(`review.grade.${review.grade}`)}
              </Tag>
            )
          }
        >
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('review.summary.total')}>
              <span data-testid="review-summary-total">
                {review.totalPoints} / {review.maxPoints} ({review.totalPct}%)
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('review.summary.publishedAt')}>
              {review.publishedAtMs ? new Date(review.publishedAtMs).toLocaleString() : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={review.rubric.items}
            columns={[
              { title: t('review.rubric.item'), render: (_, item) => label(item.label, locale) },
              {
                title: t('review.rubric.points'),
                render: (_, item) => `${review.itemScores[item.id] ?? '—'} / ${item.maxPoints}`,
              },
            ]}
          />
          {review.rubric.deductions.some((d) => (review.deductionCounts[d.id] ?? 0) > 0) && (
            <Space wrap style={{ marginTop: 8 }}>
              {review.rubric.deductions
                .filter((d) => (review.deductionCounts[d.id] ?? 0) > 0)
                .map((d) => (
                  <Tag key={d.id} color="red">
                    {label(d.label, locale)} −{d.points} × {review.deductionCounts[d.id]}
                  </Tag>
                ))}
            </Space>
          )}
          {review.summary && (
            <Typography.Paragraph style={{ marginTop: 8 }}>{review.summary}</Typography.Paragraph>
          )}
          {review.comments.length > 0 && (
            <ul className="review-comments" data-testid="review-summary-comments">
              {review.comments.map((c) => (
                <li key={c.id}>
                  {c.atMs === null ? (
                    <Typography.Text type="secondary">{t('review.comments.wholeCall')}</Typography.Text>
                  ) : onSeekMs ? (
                    <Typography.Link onClick={() => onSeekMs(c.atMs as number)}>
                      {formatClock(c.atMs)}
                    </Typography.Link>
                  ) : (
                    <Typography.Text code>{formatClock(c.atMs)}</Typography.Text>
                  )}
                  <span className="review-comment-text">{c.text}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </Space>
  );
}
