// After an answered outbound call: the trainee records how it went — success, refused,
// call back at a time (the task comes back then, on the class clock), or do not call
// again (the number goes on the do-not-call list).
import type { Disposition, OutboundTaskDto, SimClockDto } from '@callsim/protocol';
import { App, Button, Card, DatePicker, Form, Input, Radio, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';

const CHOICES: Disposition[] = ['success', 'refused', 'callback', 'do-not-call'];

export function DispositionCard({
  task,
  clock,
  onSaved,
}: {
  task: OutboundTaskDto;
  clock: SimClockDto | undefined;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [disposition, setDisposition] = useState<Disposition>('success');
  const [callbackAt, setCallbackAt] = useState<Dayjs | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const save = async () => {
    setSaving(true);
    try {
      await api(`/outbound/tasks/${task.id}/disposition`, {
        method: 'POST',
        json: {
          disposition,
          ...(disposition === 'callback' && callbackAt ? { callbackAtSimMs: callbackAt.valueOf() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      });
      void message.success(t('outbound.disposition.saved'));
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid="disposition"
      data-task={task.id}
      title={t('outbound.disposition.title', { name: task.customer.name })}
    >
      <Form layout="vertical">
        <Form.Item>
          <Radio.Group
            value={disposition}
            onChange={(e) => setDisposition(e.target.value as Disposition)}
            data-testid="disposition-choice"
          >
            {CHOICES.map((choice) => (
              <Radio key={choice} value={choice} data-value={choice}>
                {t(`outbound.disposition.${choice}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {disposition === 'callback' && (
          <Form.Item label={t('outbound.disposition.callbackAt')} required>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={callbackAt}
              onChange={setCallbackAt}
              disabledDate={(d) => (clock ? d.valueOf() < clock.nowSimMs - 86_400_000 : false)}
            />
          </Form.Item>
        )}
        <Form.Item label={t('outbound.disposition.note')}>
          <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            loading={saving}
            disabled={disposition === 'callback' && !callbackAt}
            onClick={() => void save()}
            data-testid="disposition-submit"
          >
            {t('outbound.disposition.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
