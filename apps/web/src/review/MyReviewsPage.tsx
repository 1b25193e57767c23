// A trainee's reviewed calls: the notifications of published reviews (live while the page
// is open), and for the chosen call the evaluator's rubric, comments and grade.
import { Badge, Card, Col, Empty, List, notification, Row, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/use-i18n.js';
import { ReviewSummary } from './ReviewSummary.js';
import { GRADE_COLORS } from './review-format.js';
import { useReviewNotifications } from './use-review-notifications.js';
import './review.css';

export function MyReviewsPage() {
  const { t } = useI18n();
  const { items, unread, latest, markRead } = useReviewNotifications();
  const [params, setParams] = useSearchParams();
  const [api, contextHolder] = notification.useNotification();
  const selected = params.get('call') ?? items[0]?.callId ?? null;

  useEffect(() => {
    if (!latest) return;
    api.info({
      message: t('review.notify.title'),
      description: t('review.notify.body', { name: latest.evaluatorName, scenario: latest.scenarioTitle }),
    });
  }, [latest, api, t]);

  useEffect(() => {
    const unreadHere = items.filter((n) => n.callId === selected && n.readAtMs === null).map((n) => n.id);
    if (unreadHere.length > 0) void markRead(unreadHere);
  }, [selected, items, markRead]);

  const selectedTitle = items.find((n) => n.callId === selected)?.scenarioTitle ?? '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {contextHolder}
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('review.mine.title')} {unread > 0 && <Badge count={unread} data-testid="review-unread" />}
      </Typography.Title>
      {items.length === 0 ? (
        <Empty description={t('review.mine.empty')} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={9}>
            <Card size="small">
              <List
                dataSource={items}
                data-testid="review-notifications"
                renderItem={(n) => (
                  <List.Item
                    onClick={() => setParams({ call: n.callId })}
                    style={{ cursor: 'pointer', background: n.callId === selected ? '#e6f4ff' : undefined }}
                    data-testid="review-notification"
                  >
                    <List.Item.Meta
                      title={
                        <Space>
                          {n.readAtMs === null && <Badge status="processing" />}
                          {n.scenarioTitle}
                        </Space>
                      }
                      description={`${n.evaluatorName} · ${new Date(n.createdAtMs).toLocaleString()}`}
                    />
                    {n.grade && <Tag color={GRADE_COLORS[n.grade]}>{t(`review.grade.${n.grade}`)}</Tag>}
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            {selected && (
              <Card size="small" title={selectedTitle}>
                <ReviewSummary callId={selected} />
              </Card>
            )}
          </Col>
        </Row>
      )}
    </Space>
  );
}
