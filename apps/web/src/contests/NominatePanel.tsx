// Nomination: a trainee picks one of their finished calls and, optionally, an excerpt
// (start and end in seconds); evaluators may nominate any trainee of the contest's classes.
// Only the agent's own channel of the excerpt is ever played to voters.
import type { ContestDto, ContestEntryDto } from '@callsim/protocol';
import { App, Button, Card, Form, InputNumber, Popconfirm, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { formatSeconds, formatTime } from './contest-text.js';
import { contestsApi, listCalls, type NominatableCall } from './contests-api.js';

interface Member {
  userId: string;
  displayName: string;
  roleInClass: 'trainee' | 'evaluator';
}

interface FormValues {
  traineeId?: string;
  callId: string;
  startSec?: number | null;
  endSec?: number | null;
}

export function NominatePanel({ contest, onChanged }: { contest: ContestDto; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [form] = Form.useForm<FormValues>();
  const [mine, setMine] = useState<ContestEntryDto | null | undefined>(undefined);
  const [calls, setCalls] = useState<NominatableCall[]>([]);
  const [trainees, setTrainees] = useState<Member[]>([]);
  const [traineeId, setTraineeId] = useState<string | undefined>();
  const manager = contest.viewer.canManage;

  const reload = useCallback(async () => {
    try {
      const entries = await contestsApi.entries(contest.id);
      setMine(entries.find((e) => e.mine) ?? null);
    } catch (error) {
      showError(error);
    }
  }, [contest.id, showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (!manager) {
      listCalls().then(setCalls).catch(showError);
      return;
    }
    Promise.all(contest.classes.map((c) => api<Member[]>(`/classes/${c.id}/members`)))
      .then((lists) => {
        const seen = new Map<string, Member>();
        for (const m of lists.flat()) if (m.roleInClass === 'trainee') seen.set(m.userId, m);
        setTrainees([...seen.values()]);
      })
      .catch(showError);
  }, [manager, contest.classes, showError]);

  useEffect(() => {
    if (manager && traineeId) listCalls(traineeId).then(setCalls).catch(showError);
  }, [manager, traineeId, showError]);

  if (mine === undefined) return null;
  const open = contest.phase === 'nominating';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {mine && (
        <Card size="small" title={t('contests.nominate.mine')} data-testid="my-entry">
          <Space>
            <Typography.Text strong>{t('contests.entry.label', { label: mine.label })}</Typography.Text>
            <Typography.Text type="secondary">{formatSeconds(mine.durationMs)}</Typography.Text>
            {open && (
              <Popconfirm
                title={t('contests.nominate.withdrawConfirm')}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  try {
                    await contestsApi.withdraw(contest.id, mine.key);
                    await reload();
                    onChanged();
                  } catch (error) {
                    showError(error);
                  }
                }}
              >
                <Button danger size="small">
                  {t('contests.nominate.withdraw')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Card>
      )}
      {open && (manager || !mine) && (
        <Card size="small" title={t('contests.nominate.title')}>
          <Typography.Paragraph type="secondary">{t('contests.nominate.help')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            style={{ maxWidth: 560 }}
            onFinish={async (values) => {
              try {
                const entry = await contestsApi.nominate(contest.id, {
                  callId: values.callId,
                  ...(typeof values.startSec === 'number'
                    ? { startMs: Math.round(values.startSec * 1000) }
                    : {}),
                  ...(typeof values.endSec === 'number' ? { endMs: Math.round(values.endSec * 1000) } : {}),
                });
                void message.success(t('contests.nominate.done', { label: entry.label }));
                form.resetFields();
                await reload();
                onChanged();
              } catch (error) {
                showError(error);
              }
            }}
          >
            {manager && (
              <Form.Item name="traineeId" label={t('contests.nominate.trainee')} rules={[{ required: true }]}>
                <Select
                  data-testid="nominate-trainee"
                  options={trainees.map((m) => ({ value: m.userId, label: m.displayName }))}
                  onChange={(value: string) => {
                    setTraineeId(value);
                    form.setFieldValue('callId', undefined);
                  }}
                />
              </Form.Item>
            )}
            <Form.Item name="callId" label={t('contests.nominate.call')} rules={[{ required: true }]}>
              <Select
                data-testid="nominate-call"
                notFoundContent={t('contests.nominate.noCalls')}
                options={calls
                  .filter((c) => c.status === 'ended')
                  .map((c) => ({
                    value: c.id,
                    label: `${c.scenarioId} · ${formatTime(c.createdAtMs, locale)} · ${formatSeconds(c.durationMs ?? 0)}`,
                  }))}
              />
            </Form.Item>
            <Space>
              <Form.Item name="startSec" label={t('contests.nominate.start')}>
                <InputNumber data-testid="nominate-start" min={0} step={0.1} precision={1} />
              </Form.Item>
              <Form.Item name="endSec" label={t('contests.nominate.end')}>
                <InputNumber data-testid="nominate-end" min={0.1} step={0.1} precision={1} />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit" data-testid="nominate-submit">
              {t('contests.nominate.submit')}
            </Button>
          </Form>
        </Card>
      )}
      {!open && !mine && <Typography.Text type="secondary">{t('contests.nominate.closed')}</Typography.Text>}
    </Space>
  );
}
