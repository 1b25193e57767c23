// The recordings list of the evaluator console: filters (class, trainee, scenario,
// category, dates, auto-score range, reviewed), transcript search, and keyset paging
// (the server returns a cursor for the next page; earlier cursors are kept for "back").
import type {
  ClassDto,
  RecordingRowDto,
  RecordingsQuery,
  ScenarioSummaryDto,
  UserDto,
} from '@callsim/protocol';
import { Button, DatePicker, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatDuration } from '../results/format.js';
import { reviewApi } from './review-api.js';
import { tKey } from './review-format.js';

const CATEGORIES = ['inquiry', 'complaint', 'followup', 'promotion', 'care'] as const;
const PAGE_SIZE = 25;

type Filters = Omit<Partial<RecordingsQuery>, 'cursor' | 'limit'>;

export function RecordingsList({ classes }: { classes: readonly ClassDto[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useApiErrorToast();
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [trainees, setTrainees] = useState<UserDto[]>([]);
  const [scenarios, setScenarios] = useState<ScenarioSummaryDto[]>([]);
  const [rows, setRows] = useState<RecordingRowDto[]>([]);
  const [loading, setLoading] = useState(false);
  // cursors[i] opens page i; the last entry is the next page's cursor (null = no next page).
  const [cursors, setCursors] = useState<(string | undefined | null)[]>([undefined]);
  const [page, setPage] = useState(0);

  useEffect(() => {
    api<UserDto[]>('/users')
      .then((users) => setTrainees(users.filter((u) => u.role === 'trainee')))
      .catch(showError);
    api<ScenarioSummaryDto[]>('/scenarios').then(setScenarios).catch(showError);
  }, [showError]);

  const load = useCallback(
    async (pageIndex: number, cursor: string | undefined, query: Filters) => {
      setLoading(true);
      try {
        const result = await reviewApi.recordings({
          ...query,
          limit: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        });
        setRows(result.rows);
        setPage(pageIndex);
        setCursors((known) => [...known.slice(0, pageIndex + 1), result.nextCursor]);
      } catch (error) {
        showError(error);
      } finally {
        setLoading(false);
      }
    },
    [showError],
  );

  useEffect(() => {
    setCursors([undefined]);
    void load(0, undefined, filters);
  }, [filters, load]);

  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  const visibleTrainees = filters.classId
    ? trainees.filter((u) => u.classes.some((c) => c.id === filters.classId))
    : trainees;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap data-testid="recording-filters">
        <Select
          allowClear
          placeholder={t('review.filter.class')}
          style={{ width: 160 }}
          value={filters.classId}
          onChange={(classId) => set({ classId, traineeId: undefined })}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('review.filter.trainee')}
          style={{ width: 160 }}
          value={filters.traineeId}
          onChange={(traineeId) => set({ traineeId })}
          options={visibleTrainees.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('review.filter.scenario')}
          style={{ width: 200 }}
          value={filters.scenarioId}
          onChange={(scenarioId) => set({ scenarioId })}
          options={scenarios.map((s) => ({ value: s.id, label: s.title }))}
        />
        <Select
          allowClear
          placeholder={t('review.filter.category')}
          style={{ width: 130 }}
          value={filters.category}
          onChange={(category) => set({ category })}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`review.category.${c}`) }))}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => {
            setRange(value);
            set({
              fromMs: value?.[0] ? value[0].startOf('day').valueOf() : undefined,
              toMs: value?.[1] ? value[1].endOf('day').valueOf() : undefined,
            });
          }}
        />
        <Space.Compact>
          <InputNumber
            min={0}
            max={100}
            placeholder={t('review.filter.minScore')}
            value={filters.minScore ?? null}
            onChange={(v) => set({ minScore: v ?? undefined })}
            style={{ width: 110 }}
          />
          <InputNumber
            min={0}
            max={100}
            placeholder={t('review.filter.maxScore')}
            value={filters.maxScore ?? null}
            onChange={(v) => set({ maxScore: v ?? undefined })}
            style={{ width: 110 }}
          />
        </Space.Compact>
        <Select
          allowClear
          placeholder={t('review.filter.reviewed')}
          style={{ width: 150 }}
          value={filters.reviewed}
          onChange={(reviewed) => set({ reviewed })}
          options={(['yes', 'no', 'mine', 'not-mine'] as const).map((r) => ({
            value: r,
            label: t(`review.reviewed.${r}`),
          }))}
          data-testid="filter-reviewed"
        />
        <Input.Search
          allowClear
          placeholder={t('review.filter.search')}
          style={{ width: 240 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="recording-search"
        />
      </Space>
      <Table<RecordingRowDto>
        size="middle"
        rowKey="callId"
        loading={loading}
        dataSource={rows}
        pagination={false}
        data-testid="recordings-table"
        onRow={(row) => ({
          onClick: () => navigate(`/recordings/${row.callId}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('review.col.date'),
            render: (_, r) => new Date(r.createdAtMs).toLocaleString(),
            width: 170,
          },
          { title: t('review.col.trainee'), render: (_, r) => r.trainee.displayName },
          {
            title: t('review.col.scenario'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <span>{r.scenarioTitle}</span>
                {r.snippet && (
                  <Typography.Text type="secondary" className="review-snippet">
                    {r.snippet}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('review.col.category'),
            render: (_, r) => <Tag>{tKey(t, `review.category.${r.category}`, r.category)}</Tag>,
          },
          { title: t('review.col.duration'), render: (_, r) => formatDuration(r.durationMs), width: 80 },
          {
            title: t('review.col.auto'),
            width: 90,
            render: (_, r) =>
              r.autoScore === null ? '—' : <Tag color={r.autoPassed ? 'green' : 'red'}>{r.autoScore}</Tag>,
          },
          {
            title: t('review.col.human'),
            width: 110,
            render: (_, r) => (r.humanScorePct === null ? '—' : `${r.humanScorePct}% (${r.reviewCount})`),
          },
          {
            title: t('review.col.mine'),
            width: 100,
            render: (_, r) =>
              r.myReview === 'none' ? (
                <Button size="small" type="link">
                  {t('review.open')}
                </Button>
              ) : (
                <Tag color={r.myReview === 'published' ? 'green' : 'default'}>
                  {t(`review.status.${r.myReview}`)}
                </Tag>
              ),
          },
        ]}
      />
      <Space>
        <Button
          disabled={page === 0 || loading}
          onClick={() => void load(page - 1, cursors[page - 1] ?? undefined, filters)}
        >
          {t('review.page.previous')}
        </Button>
        <Typography.Text>{t('review.page.number', { page: page + 1 })}</Typography.Text>
        <Button
          disabled={!cursors[page + 1] || loading}
          onClick={() => void load(page + 1, cursors[page + 1] ?? undefined, filters)}
          data-testid="page-next"
        >
          {t('review.page.next')}
        </Button>
      </Space>
    </Space>
  );
}
