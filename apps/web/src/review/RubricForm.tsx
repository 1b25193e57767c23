// The evaluator's rubric form: points per item (with the auto-score's value beside each
// for comparison), QA deductions, the total, a final grade and a summary. Saves a draft;
// publishing sends it to the trainee (every item scored and a grade chosen).
import type {
  AutoScoreDto,
  ReviewDto,
  ReviewGrade,
  RubricDto,
  RubricKind,
  SaveReviewBody,
} from '@callsim/protocol';
import {
  Alert,
  Button,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/use-i18n.js';
import { autoPercent, GRADE_COLORS, GRADES, label, rubricTotal, suggestedGrade } from './review-format.js';

interface Props {
  rubric: RubricDto;
  review: ReviewDto | null;
  autoScore: AutoScoreDto | null;
  canEdit: boolean;
  onSave(body: SaveReviewBody): Promise<void>;
  onPublish(body: SaveReviewBody): Promise<void>;
}

export function RubricForm({ rubric, review, autoScore, canEdit, onSave, onPublish }: Props) {
  const { t, locale } = useI18n();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [deductions, setDeductions] = useState<Record<string, number>>({});
  const [grade, setGrade] = useState<ReviewGrade | null>(null);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);

  // Reload the form when another review or rubric comes from the server.
  useEffect(() => {
    setScores(review?.itemScores ?? {});
    setDeductions(review?.deductionCounts ?? {});
    setGrade(review?.grade ?? null);
    setSummary(review?.summary ?? '');
  }, [review]);

  const total = rubricTotal(rubric, scores, deductions);
  const suggestion = suggestedGrade(total.pct, rubric.passPct);
  const body = (kind: RubricKind = rubric.kind): SaveReviewBody => ({
    rubricKind: kind,
    itemScores: kind === rubric.kind ? scores : {},
    deductionCounts: kind === rubric.kind ? deductions : {},
    grade,
    summary,
  });
  const run = async (what: 'save' | 'publish', action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rubric-form">
      <Space wrap>
        <Typography.Text>{t('review.rubric.kind')}</Typography.Text>
        <Select<RubricKind>
          value={rubric.kind}
          disabled={!canEdit}
          style={{ width: 180 }}
          onChange={(kind) => run('save', () => onSave(body(kind)))}
          options={(['inbound', 'outbound', 'contest'] as const).map((k) => ({
            value: k,
            label: t(`review.kind.${k}`),
          }))}
          data-testid="rubric-kind"
        />
        {review && (
          <Tag color={review.status === 'published' ? 'green' : 'default'}>
            {t(`review.status.${review.status}`)}
          </Tag>
        )}
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rubric.items}
        columns={[
          {
            title: t('review.rubric.item'),
            render: (_, item) => (
              <Tooltip title={label(item.description, locale)}>
                <span>{label(item.label, locale)}</span>
              </Tooltip>
            ),
          },
          {
            title: t('review.rubric.points'),
            width: 150,
            render: (_, item) => (
              <Space size={4}>
                <InputNumber
                  min={0}
                  max={item.maxPoints}
                  step={1}
                  value={scores[item.id] ?? null}
                  disabled={!canEdit}
                  onChange={(v) => setScores((s) => ({ ...s, [item.id]: v === null ? null : Number(v) }))}
                  style={{ width: 72 }}
                  data-testid={`rubric-item-${item.id}`}
                />
                <Typography.Text type="secondary">/ {item.maxPoints}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t('review.rubric.auto'),
            width: 90,
            render: (_, item) => {
              const auto = autoPercent(item, autoScore);
              return auto === null ? '—' : `${Math.round((auto / 100) * item.maxPoints * 10) / 10}`;
            },
          },
        ]}
      />
      {rubric.deductions.length > 0 && (
        <Space wrap>
          {rubric.deductions.map((d) => (
            <Space key={d.id} size={4}>
              <Typography.Text>
                {label(d.label, locale)} (−{d.points})
              </Typography.Text>
              <InputNumber
                min={0}
                max={50}
                size="small"
                value={deductions[d.id] ?? 0}
                disabled={!canEdit}
                onChange={(v) => setDeductions((s) => ({ ...s, [d.id]: Number(v ?? 0) }))}
                style={{ width: 60 }}
                data-testid={`rubric-deduction-${d.id}`}
              />
            </Space>
          ))}
        </Space>
      )}
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="review-total">
        {t('review.rubric.total', { points: total.points, max: total.maxPoints, pct: total.pct })}
      </Typography.Title>
      <Space wrap>
        <Typography.Text>{t('review.grade.label')}</Typography.Text>
        <Radio.Group
          value={grade}
          disabled={!canEdit}
          onChange={(e) => setGrade(e.target.value as ReviewGrade)}
          data-testid="grade-select"
        >
          {GRADES.map((g) => (
            <Radio.Button key={g} value={g} data-testid={`grade-${g}`}>
              {t(`review.grade.${g}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
        {total.complete && grade !== suggestion && (
          <Button size="small" type="link" onClick={() => setGrade(suggestion)} disabled={!canEdit}>
            {t('review.grade.suggested', { grade: t(`review.grade.${suggestion}`) })}
          </Button>
        )}
        {grade && <Tag color={GRADE_COLORS[grade]}>{t(`review.grade.${grade}`)}</Tag>}
      </Space>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={summary}
        disabled={!canEdit}
        placeholder={t('review.summary.placeholder')}
        onChange={(e) => setSummary(e.target.value)}
        data-testid="review-summary-input"
      />
      {canEdit && (
        <Space>
          <Button
            loading={busy === 'save'}
            onClick={() => run('save', () => onSave(body()))}
            data-testid="review-save"
          >
            {t('review.save')}
          </Button>
          <Button
            type="primary"
            loading={busy === 'publish'}
            disabled={!total.complete || grade === null}
            onClick={() => run('publish', () => onPublish(body()))}
            data-testid="review-publish"
          >
            {review?.status === 'published' ? t('review.republish') : t('review.publish')}
          </Button>
        </Space>
      )}
      {review?.status === 'published' && (
        <Alert type="success" showIcon message={t('review.publishedHint')} />
      )}
    </Space>
  );
}
