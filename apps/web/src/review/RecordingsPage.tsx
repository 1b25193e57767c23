// The evaluator console's start page: recordings to review, calibration between
// evaluators, the class gradebook and the class rubrics, as tabs (?tab= keeps the choice).
import type { ClassDto } from '@callsim/protocol';
import { Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { CalibrationPanel } from './CalibrationPanel.js';
import { GradebookPanel } from './GradebookPanel.js';
import { RecordingsList } from './RecordingsList.js';
import { RubricEditor } from './RubricEditor.js';
import './review.css';

const TABS = ['recordings', 'calibration', 'gradebook', 'rubrics'] as const;
type Tab = (typeof TABS)[number];

export function RecordingsPage() {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [params, setParams] = useSearchParams();
  const [classes, setClasses] = useState<ClassDto[] | null>(null);
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'recordings';

  useEffect(() => {
    api<ClassDto[]>('/classes').then(setClasses).catch(showError);
  }, [showError]);

  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('review.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'recordings' ? {} : { tab: key })}
        destroyOnHidden
        items={[
          {
            key: 'recordings',
            label: t('review.tab.recordings'),
            children: <RecordingsList classes={classes ?? []} />,
          },
          {
            key: 'calibration',
            label: t('review.tab.calibration'),
            children: classes && <CalibrationPanel classes={classes} />,
          },
          {
            key: 'gradebook',
            label: t('review.tab.gradebook'),
            children: classes && <GradebookPanel classes={classes} />,
          },
          {
            key: 'rubrics',
            label: t('review.tab.rubrics'),
            children: classes && <RubricEditor classes={classes} />,
          },
        ]}
      />
    </Space>
  );
}
