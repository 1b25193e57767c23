// A class's simulated clock for its evaluators: what time it is for the class, how fast
// it runs (paused, real time, an hour or a day per real minute), and "next day 09:00".
import type { SimClockDto } from '@callsim/protocol';
import { Button, Card, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatSimTime } from './sim-time.js';

const SPEEDS = [0, 1, 60, 1440] as const;

export function ClassClockCard({ classId, onChanged }: { classId: string; onChanged?: () => void }) {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [clock, setClock] = useState<SimClockDto | null>(null);
  const [now, setNow] = useState(Date.now());
  const load = useCallback(() => {
    api<SimClockDto>(`/outbound/clocks/${classId}`).then(setClock).catch(showError);
  }, [classId, showError]);
  useEffect(load, [load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const change = (body: Record<string, unknown>) =>
    api<SimClockDto>(`/outbound/clocks/${classId}`, { method: 'PATCH', json: body })
      .then((next) => {
        setClock(next);
        onChanged?.();
      })
      .catch(showError);
  const simNow = clock ? clock.nowSimMs + (now - clock.realNowMs) * clock.speedFactor : null;
  return (
    <Card size="small" title={t('outbound.clock.title')} data-testid="class-clock-card">
      <Space wrap size="large">
        <Typography.Text strong data-testid="class-clock-now">
          {simNow === null ? '…' : formatSimTime(simNow, clock!.timezone, locale)}
        </Typography.Text>
        <Space>
          <Typography.Text type="secondary">{t('outbound.clock.setSpeed')}</Typography.Text>
          <Segmented
            value={clock?.speedFactor ?? 1}
            onChange={(speedFactor) => void change({ speedFactor })}
            options={SPEEDS.map((speed) => ({
              value: speed,
              label:
                speed === 0
                  ? t('outbound.clock.paused')
                  : speed === 1
                    ? t('outbound.clock.realTime')
                    : t('outbound.clock.speed', { speed }),
            }))}
          />
        </Space>
        <Button onClick={() => void change({ advance: 'next-day' })} data-testid="clock-next-day">
          {t('outbound.clock.nextDay')}
        </Button>
      </Space>
    </Card>
  );
}
