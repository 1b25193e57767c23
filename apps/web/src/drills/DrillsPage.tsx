// The drills page: listen-and-type (听打) and voice warm-up (发声热身) as tabs, counted for
// the trainee's class (a picker when they are in several). `?tab=warmup` opens the warm-up.
import type { DrillOverviewDto } from '@callsim/protocol';
import { Button, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { drillsApi } from './drills-api.js';
import { TypingDrill } from './typing/TypingDrill.js';
import { WarmupDrill } from './warmup/WarmupDrill.js';

export function DrillsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showError = useApiErrorToast();
  const [params, setParams] = useSearchParams();
  const [classId, setClassId] = useState<string | undefined>(undefined);
  const [overview, setOverview] = useState<DrillOverviewDto | null>(null);

  useEffect(() => {
    drillsApi.overview(classId).then(setOverview).catch(showError);
  }, [classId, showError]);

  const tab = params.get('tab') === 'warmup' ? 'warmup' : 'typing';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('drills.title')}
        </Typography.Title>
        <Space wrap>
          {overview && overview.classes.length > 1 ? (
            <Select
              style={{ minWidth: 180 }}
              value={overview.classId}
              onChange={(value: string) => setClassId(value)}
              options={overview.classes.map((c) => ({ value: c.id, label: c.name }))}
            />
          ) : null}
          <Button onClick={() => navigate('/progress')}>{t('drills.nav.progress')}</Button>
        </Space>
      </Space>
      {overview ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'warmup' ? { tab: 'warmup' } : {})}
          destroyOnHidden
          items={[
            {
              key: 'typing',
              label: <span data-testid="tab-typing">{t('drills.tab.typing')}</span>,
              children: <TypingDrill key={overview.classId ?? 'none'} overview={overview} />,
            },
            {
              key: 'warmup',
              label: <span data-testid="tab-warmup">{t('drills.tab.warmup')}</span>,
              children: <WarmupDrill key={overview.classId ?? 'none'} overview={overview} />,
            },
          ]}
        />
      ) : (
        <Spin />
      )}
    </Space>
  );
}
