// /results and /results/:callId — the trainee's calls with their scores, and one call's
// result. The list looks again every few seconds while a call is still being scored.
import type { ResultCallDto, ResultTrendDto } from '@callsim/protocol';
import { Alert, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { CallResultView } from './CallResultView.js';
import { ResultsList } from './ResultsList.js';
import { getResultTrend, listResultCalls, PENDING_POLL_MS } from './results-api.js';
import { ScoreTrendChart } from './ScoreTrendChart.js';
import './results.css';

export function ResultsPage() {
  const { callId } = useParams();
  const navigate = useNavigate();
  const open = (id: string) => navigate(`/results/${id}`);
  if (callId) return <CallResultView callId={callId} onBack={() => navigate('/results')} onOpen={open} />;
  return <ResultsOverview onOpen={open} />;
}

function ResultsOverview({ onOpen }: { onOpen: (callId: string) => void }) {
  const { t, errorText } = useI18n();
  const [calls, setCalls] = useState<ResultCallDto[] | null>(null);
  const [trend, setTrend] = useState<ResultTrendDto | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const [list, nextTrend] = await Promise.all([listResultCalls(), getResultTrend()]);
        if (stopped) return;
        setCalls(list);
        setTrend(nextTrend);
        setError(null);
        if (list.some((c) => c.scoreState === 'pending'))
          timer = setTimeout(() => void load(), PENDING_POLL_MS);
      } catch (e) {
        if (!stopped) setError(e instanceof ApiError ? e : new ApiError('INTERNAL', 0));
      }
    };
    void load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, []);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('results.pageTitle')}
      </Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.code === 'NETWORK' ? t('common.networkError') : errorText(error.code, error.details)}
        />
      )}
      <Card title={t('results.list.title')}>
        <ResultsList calls={calls ?? []} loading={calls === null && !error} onOpen={onOpen} />
      </Card>
      {trend && (
        <Card title={t('results.trend.title')}>
          <ScoreTrendChart trend={trend} onOpen={onOpen} />
        </Card>
      )}
    </Space>
  );
}
