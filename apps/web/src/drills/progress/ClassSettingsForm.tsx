// An evaluator's drill settings for a class: listen-and-type targets, replay limit, default
// playback speed, and the locale and template the warm-up sentences come from.
import {
  DRILL_SPEED_MAX,
  DRILL_SPEED_MIN,
  type DrillSettingsBody,
  type DrillSettingsDto,
} from '@callsim/protocol';
import { App, Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useApiErrorToast } from '../../admin/use-api-error.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { drillsApi } from '../drills-api.js';

interface FormValues extends Omit<DrillSettingsBody, 'targetAccuracy'> {
  /** Percent in the form; a fraction on the wire. */
  targetAccuracyPct: number;
}

export function ClassSettingsForm({
  classId,
  settings,
  onSaved,
}: {
  classId: string;
  settings: DrillSettingsDto;
  onSaved: (settings: DrillSettingsDto) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [saving, setSaving] = useState(false);
  const initial: FormValues = {
    locale: settings.locale,
    templateId: settings.templateId,
    targetCharsPerMin: settings.targetCharsPerMin,
    targetAccuracyPct: Math.round(settings.targetAccuracy * 1000) / 10,
    replayLimit: settings.replayLimit,
    defaultSpeed: settings.defaultSpeed,
  };

  async function save(values: FormValues) {
    setSaving(true);
    try {
      const { targetAccuracyPct, ...rest } = values;
      const saved = await drillsApi.saveSettings(classId, {
        ...rest,
        targetAccuracy: targetAccuracyPct / 100,
      });
      onSaved(saved);
      void message.success(t('drills.settings.saved'));
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={t('drills.settings.title')}>
      <Form<FormValues> layout="inline" initialValues={initial} onFinish={(v) => void save(v)} key={classId}>
        <Form.Item name="targetCharsPerMin" label={t('drills.settings.targetSpeed')}>
          <InputNumber min={5} max={400} />
        </Form.Item>
        <Form.Item name="targetAccuracyPct" label={t('drills.settings.targetAccuracy')}>
          <InputNumber min={50} max={100} step={0.5} suffix="%" />
        </Form.Item>
        <Form.Item
          name="replayLimit"
          label={t('drills.settings.replayLimit')}
          tooltip={t('drills.settings.replayHelp')}
        >
          <InputNumber min={0} max={20} />
        </Form.Item>
        <Form.Item name="defaultSpeed" label={t('drills.settings.defaultSpeed')}>
          <InputNumber min={DRILL_SPEED_MIN} max={DRILL_SPEED_MAX} step={0.1} suffix="×" />
        </Form.Item>
        <Form.Item name="locale" label={t('drills.settings.locale')}>
          <Select
            style={{ width: 120 }}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en-US', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item name="templateId" label={t('drills.settings.template')}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
