// The new-campaign form: outbound scenarios, the class's trainees, a window on the class
// clock, a quota per trainee, retries, and for care calls the occasion (the customer's
// birthday or a holiday). The server checks every rule again and names the bad field.
import type { CampaignDto, ScenarioSummaryDto } from '@callsim/protocol';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';

interface Member {
  userId: string;
  displayName: string;
  username: string;
  roleInClass: 'trainee' | 'evaluator';
}

interface FormValues {
  name: string;
  scenarioIds: string[];
  traineeUserIds: string[];
  window: [Dayjs, Dayjs];
  quotaPerTrainee: number;
  maxAttempts: number;
  retryBackoffMin: number;
  occasion: 'none' | 'birthday' | 'holiday';
  holidayName?: string;
  holidayDate?: string;
  defaultTimezone: string;
}

export function NewCampaignModal({
  classId,
  open,
  onClose,
  onCreated,
}: {
  classId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: CampaignDto) => void;
}) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [form] = Form.useForm<FormValues>();
  const [scenarios, setScenarios] = useState<ScenarioSummaryDto[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [saving, setSaving] = useState(false);
  const occasion = Form.useWatch('occasion', form);

  useEffect(() => {
    if (!open) return;
    api<ScenarioSummaryDto[]>('/outbound/scenarios').then(setScenarios).catch(showError);
    api<Member[]>(`/classes/${classId}/members`).then(setMembers).catch(showError);
  }, [open, classId, showError]);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await api<CampaignDto>('/outbound/campaigns', {
        method: 'POST',
        json: {
          classId,
          name: values.name,
          scenarioIds: values.scenarioIds,
          traineeUserIds: values.traineeUserIds,
          windowStartSimMs: values.window[0].valueOf(),
          windowEndSimMs: values.window[1].valueOf(),
          quotaPerTrainee: values.quotaPerTrainee,
          maxAttempts: values.maxAttempts,
          retryBackoffMin: values.retryBackoffMin,
          defaultTimezone: values.defaultTimezone,
          occasion:
            values.occasion === 'birthday'
              ? { kind: 'birthday' }
              : values.occasion === 'holiday'
                ? { kind: 'holiday', name: values.holidayName, date: values.holidayDate }
                : null,
        },
      });
      form.resetFields();
      onCreated(created);
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('outbound.campaigns.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{
          quotaPerTrainee: 5,
          maxAttempts: 3,
          retryBackoffMin: 120,
          occasion: 'none',
          defaultTimezone: 'Asia/Shanghai',
        }}
      >
        <Form.Item name="name" label={t('outbound.campaign.name')} rules={[{ required: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="scenarioIds" label={t('outbound.campaign.scenarios')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={scenarios.map((s) => ({ value: s.id, label: `${s.title} · ${s.locale}` }))}
          />
        </Form.Item>
        <Form.Item name="traineeUserIds" label={t('outbound.campaign.trainees')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={members
              .filter((m) => m.roleInClass === 'trainee')
              .map((m) => ({ value: m.userId, label: `${m.displayName} (${m.username})` }))}
          />
        </Form.Item>
        <Form.Item name="window" label={t('outbound.campaign.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="quotaPerTrainee" label={t('outbound.campaign.quota')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        <Form.Item name="maxAttempts" label={t('outbound.campaign.maxAttempts')}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        <Form.Item name="retryBackoffMin" label={t('outbound.campaign.backoff')}>
          <InputNumber min={1} max={10080} />
        </Form.Item>
        <Form.Item name="defaultTimezone" label={t('outbound.campaign.defaultTimezone')}>
          <Input placeholder="Asia/Shanghai / +08:00" />
        </Form.Item>
        <Form.Item name="occasion" label={t('outbound.occasion')}>
          <Radio.Group>
            <Radio value="none">{t('outbound.campaign.occasion.none')}</Radio>
            <Radio value="birthday">{t('outbound.occasion.birthday')}</Radio>
            <Radio value="holiday">{t('outbound.campaign.occasion.holiday')}</Radio>
          </Radio.Group>
        </Form.Item>
        {occasion === 'holiday' && (
          <>
            <Form.Item
              name="holidayName"
              label={t('outbound.campaign.holidayName')}
              rules={[{ required: true }]}
            >
              <Input placeholder="中秋节" />
            </Form.Item>
            <Form.Item
              name="holidayDate"
              label={t('outbound.campaign.holidayDate')}
              rules={[{ required: true, pattern: /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/ }]}
            >
              <Input placeholder="09-25" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
