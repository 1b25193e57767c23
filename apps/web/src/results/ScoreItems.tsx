// Every scored item by dimension: status, measured value against its green range, the score,
// the advice in the UI language and the evidence times (click to hear that moment). The
// script dimension also lists each 话术 step as found or missing.
import {
  type CallScoreDto,
  SCORE_DIMENSIONS,
  type ScoreEvidenceDto,
  type ScoreItemDto,
} from '@callsim/protocol';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import {
  formatClock,
  itemLabel,
  reasonText,
  STATUS_COLORS,
  STATUS_KEYS,
  targetText,
  valueWithUnit,
} from './format.js';
import { DIMENSION_KEYS } from './ScoreRadar.js';

/** Evidence that points at a moment of the call (whole-call values have no time). */
export const timedEvidence = (item: ScoreItemDto): ScoreEvidenceDto[] =>
  item.evidence.filter((e) => e.atMs !== null && e.atMs >= 0);

export function ScoreItems({ score, onSeek }: { score: CallScoreDto; onSeek: (ms: number) => void }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="score-items">
      {SCORE_DIMENSIONS.map((id) => {
        const dimension = score.dimensions[id];
        return (
          <Card
            key={id}
            size="small"
            title={
              <Space>
                {t(DIMENSION_KEYS[id])}
                <Tag color={STATUS_COLORS[dimension.status]}>
                  {dimension.score === null ? t('results.status.notAvailable') : Math.round(dimension.score)}
                </Tag>
              </Space>
            }
          >
            <Table<ScoreItemDto>
              size="small"
              pagination={false}
              rowKey="id"
              dataSource={[...dimension.items]}
              columns={[
                {
                  title: t('results.items.item'),
                  dataIndex: 'id',
                  width: 130,
                  render: (itemId: string) => itemLabel(t, itemId),
                },
                {
                  title: t('results.items.status'),
                  dataIndex: 'status',
                  width: 90,
                  render: (_v, item) => (
                    <Tag color={STATUS_COLORS[item.status]} data-testid={`item-${item.id}`}>
                      {t(STATUS_KEYS[item.status])}
                    </Tag>
                  ),
                },
                {
                  title: t('results.items.value'),
                  width: 150,
                  render: (_v, item) =>
                    item.value === null ? (
                      <Typography.Text type="secondary">
                        {item.reason ? reasonText(t, item.reason) : '—'}
                      </Typography.Text>
                    ) : (
                      <span>
                        {valueWithUnit(t, item.value, item.unit)}
                        {item.estimate && (
                          <Typography.Text type="secondary"> ({t('results.items.estimate')})</Typography.Text>
                        )}
                      </span>
                    ),
                },
                {
                  title: t('results.items.target'),
                  width: 140,
                  render: (_v, item) => targetText(t, item),
                },
                {
                  title: t('results.items.score'),
                  dataIndex: 'score',
                  width: 60,
                  render: (value: number | null) => (value === null ? '—' : Math.round(value)),
                },
                {
                  title: t('results.items.advice'),
                  render: (_v, item) => (item.status === 'notAvailable' ? '' : item.advice[locale]),
                },
                {
                  title: t('results.items.evidence'),
                  width: 170,
                  render: (_v, item) => (
                    <Space size={2} wrap>
                      {timedEvidence(item)
                        .slice(0, 8)
                        .map((e) => (
                          <Button
                            key={`${e.atMs}-${e.endMs ?? ''}-${e.note ?? ''}-${e.value ?? ''}`}
                            size="small"
                            type="link"
                            onClick={() => onSeek(e.atMs!)}
                            title={e.text ?? t('results.items.seek', { time: formatClock(e.atMs!) })}
                            data-testid="evidence-seek"
                          >
                            {formatClock(e.atMs!)}
                          </Button>
                        ))}
                    </Space>
                  ),
                },
              ]}
            />
            {id === 'script' && score.adherence.steps.length > 0 && (
              <ul className="result-steps">
                {score.adherence.steps.map((step) => (
                  <li key={step.id}>
                    <Tag color={step.found ? 'green' : step.required ? 'red' : 'default'}>
                      {step.found ? '✓' : '✗'}
                    </Tag>
                    {step.label}
                    {step.atMs !== null && (
                      <Button size="small" type="link" onClick={() => onSeek(step.atMs!)}>
                        {formatClock(step.atMs)}
                      </Button>
                    )}
                    {step.evidence && (
                      <Typography.Text type="secondary">“{step.evidence.text}”</Typography.Text>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        );
      })}
    </Space>
  );
}
