// The evaluator's form for a new contest: classes, nomination and voting windows, votes per
// voter, the judges' weight against the popular vote, judges and the rubric (textbook
// defaults: pronunciation 30 · pace 20 · intonation 20 · warmth 20 · standard phrases 10).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { type ClassDto, type ContestDto, DEFAULT_CONTEST_RUBRIC, type UserDto } from '@callsim/protocol';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Slider, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { criterionText } from './contest-text.js';
import { contestsApi } from './contests-api.js';

interface RubricRow {
  id: string;
  label?: string;
  maxPoints: number;
}

interface FormValues {
  title: string;
  classIds: string[];
  nomination: [Dayjs, Dayjs];
  voting: [Dayjs, Dayjs];
  votesPerVoter: number;
  judgeWeightPct: number;
  judgeUserIds: string[];
  rubric: RubricRow[];
}

export function CreateContestModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (contest: ContestDto) => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const showError = useApiErrorToast();
  const [form] = Form.useForm<FormValues>();
  const [classes, setClasses] = useState<ClassDto[]>([]);
  const [judges, setJudges] = useState<UserDto[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    Promise.all([api<ClassDto[]>('/classes'), api<UserDto[]>('/users')])
      .then(([classList, users]) => {
        setClasses(classList);
        setJudges(users.filter((u) => u.role !== 'trainee' && !u.disabled));
        const now = dayjs().startOf('minute');
        form.setFieldsValue({
          title: t('contests.create.defaultTitle'),
          classIds: classList.map((c) => c.id),
          nomination: [now, now.add(2, 'day')],
          voting: [now.add(2, 'day'), now.add(4, 'day')],
          votesPerVoter: 3,
          judgeWeightPct: 50,
          judgeUserIds: user && user.role === 'evaluator' ? [user.id] : [],
          rubric: DEFAULT_CONTEST_RUBRIC.map((c) => ({ ...c })),
        });
      })
      .catch(showError);
  }, [open, form, t, user, showError]);

  const rubric = Form.useWatch('rubric', form) ?? [];
  const rubricTotal = rubric.reduce((sum, row) => sum + (row?.maxPoints ?? 0), 0);

  return (
    <Modal
      open={open}
      title={t('contests.create.title')}
      width={720}
      okText={t('contests.create.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        loading: saving,
        ...({ 'data-testid': 'contest-create-submit' } as Record<string, string>),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          setSaving(true);
          try {
            const contest = await contestsApi.create({
              title: values.title,
              classIds: values.classIds,
              nominationOpensAtMs: values.nomination[0].valueOf(),
              nominationClosesAtMs: values.nomination[1].valueOf(),
              votingOpensAtMs: values.voting[0].valueOf(),
              votingClosesAtMs: values.voting[1].valueOf(),
              votesPerVoter: values.votesPerVoter,
              judgeWeightPct: values.judgeWeightPct,
              judgeUserIds: values.judgeUserIds ?? [],
              rubric: values.rubric.map((row, i) => ({
                id: row.id || `custom-${i + 1}`,
                ...(row.label ? { label: row.label } : {}),
                maxPoints: row.maxPoints,
              })),
            });
            onCreated(contest);
          } catch (error) {
            showError(error);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="title" label={t('contests.create.name')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="contest-title-input" />
        </Form.Item>
        <Form.Item name="classIds" label={t('contests.create.classes')} rules={[{ required: true }]}>
          <Select mode="multiple" options={classes.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="nomination" label={t('contests.create.nomination')} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="voting"
            label={t('contests.create.voting')}
            dependencies={['nomination']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value?: [Dayjs, Dayjs]) => {
                  const nomination = getFieldValue('nomination') as [Dayjs, Dayjs] | undefined;
                  return !value || !nomination || !value[0].isBefore(nomination[1])
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('contests.create.votingAfterNomination')));
                },
              }),
            ]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          <Form.Item
            name="votesPerVoter"
            label={t('contests.create.votesPerVoter')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={10} precision={0} />
          </Form.Item>
          <Form.Item
            name="judgeWeightPct"
            label={t('contests.create.weight')}
            style={{ width: 320 }}
            tooltip={t('contests.create.weightHelp')}
          >
            <Slider min={0} max={100} step={5} tooltip={{ formatter: (v) => `${v}% / ${100 - (v ?? 0)}%` }} />
          </Form.Item>
        </Space>
        <Form.Item name="judgeUserIds" label={t('contests.create.judges')}>
          <Select mode="multiple" options={judges.map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        <Typography.Text strong>{t('contests.create.rubric', { total: rubricTotal })}</Typography.Text>
        <Form.List name="rubric">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => {
                const row = rubric[field.name];
                const builtIn = row?.id !== undefined && !row.id.startsWith('custom');
                return (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    {builtIn ? (
                      <Typography.Text style={{ display: 'inline-block', width: 200 }}>
                        {criterionText(t, row)}
                      </Typography.Text>
                    ) : (
                      <Form.Item name={[field.name, 'label']} rules={[{ required: true, max: 40 }]}>
                        <Input style={{ width: 200 }} placeholder={t('contests.create.criterionName')} />
                      </Form.Item>
                    )}
                    <Form.Item name={[field.name, 'maxPoints']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={100} precision={0} suffix={t('contests.create.points')} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      disabled={fields.length <= 1}
                    />
                  </Space>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ id: `custom-${Date.now().toString(36)}`, label: '', maxPoints: 10 })}
              >
                {t('contests.create.addCriterion')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
