// Editing a class's rubrics (inbound, outbound, contest): items with points and the
// auto-score dimensions they compare with, QA deductions, and the pass mark. Saving gives
// the class its own copy; "reset" returns to the built-in form. Past reviews keep theirs.

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ClassDto, RubricBody, RubricDto, RubricKind } from '@callsim/protocol';
import {
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { reviewApi } from './review-api.js';

const AUTO_REFS = [
  'script',
  'speed',
  'tone',
  'courtesy',
  'script-steps',
  'phase-order',
  'step-timing',
  'speech-rate',
  'pitch-movement',
  'warmth',
  'answer-time',
  'dead-air',
  'interruptions',
  'forbidden-phrases',
] as const;

export function RubricEditor({ classes }: { classes: readonly ClassDto[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [classId, setClassId] = useState<string | undefined>(classes[0]?.id);
  const [kind, setKind] = useState<RubricKind>('inbound');
  const [rubric, setRubric] = useState<RubricDto | null>(null);
  const [form] = Form.useForm<RubricBody>();

  const load = useCallback(async () => {
    if (!classId) return;
    try {
      const all = await reviewApi.rubrics(classId);
      const current = all.find((r) => r.kind === kind) ?? null;
      setRubric(current);
      if (current)
        form.setFieldsValue({
          items: current.items,
          deductions: current.deductions,
          passPct: current.passPct,
        });
    } catch (error) {
      showError(error);
    }
  }, [classId, kind, form, showError]);
  useEffect(() => {
    void load();
  }, [load]);

  const watchedItems = Form.useWatch('items', form);
  const total = (watchedItems ?? []).reduce((s, i) => s + Number(i?.maxPoints ?? 0), 0);
  if (classes.length === 0) return <Empty description={t('review.noClasses')} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="rubric-editor">
      <Space wrap>
        <Select
          style={{ width: 180 }}
          value={classId}
          onChange={setClassId}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select<RubricKind>
          style={{ width: 180 }}
          value={kind}
          onChange={setKind}
          options={(['inbound', 'outbound', 'contest'] as const).map((k) => ({
            value: k,
            label: t(`review.kind.${k}`),
          }))}
        />
        {rubric && (
          <Tag color={rubric.custom ? 'blue' : 'default'}>
            {rubric.custom ? t('review.rubric.custom') : t('review.rubric.builtIn')}
          </Tag>
        )}
      </Space>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          if (!classId) return;
          try {
            setRubric(await reviewApi.saveRubric(classId, kind, values));
            void message.success(t('review.saved'));
          } catch (error) {
            showError(error);
          }
        }}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item
                    name={[field.name, 'id']}
                    rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,31}$/ }]}
                  >
                    <Input placeholder="id" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label', 'zh-CN']} rules={[{ required: true }]}>
                    <Input placeholder={t('review.rubric.labelZh')} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label', 'en-US']} rules={[{ required: true }]}>
                    <Input placeholder={t('review.rubric.labelEn')} style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'maxPoints']} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={100}
                      addonAfter={t('review.rubric.pointsUnit')}
                      style={{ width: 120 }}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'autoRefs']}>
                    <Select
                      mode="multiple"
                      placeholder={t('review.rubric.autoRefs')}
                      style={{ width: 240 }}
                      options={AUTO_REFS.map((r) => ({ value: r, label: r }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'description']} hidden>
                    <Input />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('review.rubric.remove')}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    id: '',
                    label: { 'zh-CN': '', 'en-US': '' },
                    description: { 'zh-CN': '', 'en-US': '' },
                    maxPoints: 10,
                    autoRefs: [],
                  })
                }
              >
                {t('review.rubric.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('review.rubric.maxTotal', { total })}
        </Typography.Paragraph>
        <Typography.Title level={5}>{t('review.rubric.deductions')}</Typography.Title>
        <Form.List name="deductions">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} wrap align="start">
                  <Form.Item
                    name={[field.name, 'id']}
                    rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,31}$/ }]}
                  >
                    <Input placeholder="id" style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label', 'zh-CN']} rules={[{ required: true }]}>
                    <Input placeholder={t('review.rubric.labelZh')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label', 'en-US']} rules={[{ required: true }]}>
                    <Input placeholder={t('review.rubric.labelEn')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'points']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={50} addonBefore="−" style={{ width: 110 }} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('review.rubric.remove')}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ id: '', label: { 'zh-CN': '', 'en-US': '' }, points: 1 })}
              >
                {t('review.rubric.addDeduction')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="passPct" label={t('review.rubric.passPct')} style={{ marginTop: 12 }}>
          <InputNumber min={1} max={100} addonAfter="%" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
          {rubric?.custom && classId && (
            <Popconfirm
              title={t('review.rubric.resetConfirm')}
              onConfirm={async () => {
                try {
                  await reviewApi.resetRubric(classId, kind);
                  await load();
                } catch (error) {
                  showError(error);
                }
              }}
            >
              <Button>{t('review.rubric.reset')}</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Space>
  );
}
