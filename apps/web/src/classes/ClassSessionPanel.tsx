// Class sessions for a teacher: pick scenarios, interval and duration; calls then
// arrive for every ready trainee of the class until the session ends or is stopped.
import type { ScenarioSummaryDto } from '@callsim/protocol';
import { App, Button, Form, InputNumber, Modal, Radio, Select, Space, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';

interface SessionInfo {
  id: string;
  callsCreated: number;
  endsAtMs: number;
}

export function ClassSessionPanel({ classId }: { classId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [open, setOpen] = useState(false);
  const [sessions, setSessions] = useState<SessionInfo[]>([]);
  const [scenarios, setScenarios] = useState<ScenarioSummaryDto[]>([]);
  const [form] = Form.useForm();

  const reload = useCallback(async () => {
    try {
      setSessions(await api<SessionInfo[]>(`/classes/${classId}/sessions`));
    } catch (error) {
      showError(error);
    }
  }, [classId, showError]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 10_000);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    if (open && scenarios.length === 0)
      api<ScenarioSummaryDto[]>('/scenarios').then(setScenarios).catch(showError);
  }, [open, scenarios.length, showError]);

  return (
    <Space wrap>
      {sessions.map((s) => (
        <Tag key={s.id} color="processing">
          {t('classes.session.running', {
            calls: s.callsCreated,
            ends: new Date(s.endsAtMs).toLocaleTimeString(),
          })}{' '}
          <Button
            size="small"
            type="link"
            onClick={async () => {
              await api(`/classes/${classId}/sessions/${s.id}`, { method: 'DELETE' }).catch(showError);
              await reload();
            }}
          >
            {t('classes.session.stop')}
          </Button>
        </Tag>
      ))}
      <Button onClick={() => setOpen(true)} data-testid="class-session-start">
        {t('classes.session.start')}
      </Button>
      <Modal
        open={open}
        title={t('classes.session.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ mode: 'practice', intervalSec: 60, durationMin: 45 }}
          onFinish={async (values: {
            scenarioIds: string[];
            mode: 'practice' | 'exam';
            intervalSec: number;
            durationMin: number;
          }) => {
            try {
              await api(`/classes/${classId}/sessions`, { method: 'POST', json: values });
              void message.success(t('classes.session.started'));
              setOpen(false);
              await reload();
            } catch (error) {
              showError(error);
            }
          }}
        >
          <Form.Item name="scenarioIds" label={t('classes.session.scenarios')} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={scenarios
                .filter((s) => s.direction === 'inbound')
                .map((s) => ({ value: s.id, label: `${s.title} · ${s.locale}` }))}
            />
          </Form.Item>
          <Form.Item name="mode" label={t('classes.session.mode')}>
            <Radio.Group>
              <Radio value="practice">{t('softphone.mode.practice')}</Radio>
              <Radio value="exam">{t('softphone.mode.exam')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="intervalSec" label={t('classes.session.interval')}>
            <InputNumber min={10} max={3600} />
          </Form.Item>
          <Form.Item name="durationMin" label={t('classes.session.duration')}>
            <InputNumber min={1} max={600} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
