// Outbound campaigns for evaluators (their classes) and admins: the class clock, the
// class's campaigns with their progress, a new-campaign form, and the do-not-call list.
import type { CampaignDto, ClassDto, DoNotCallEntryDto } from '@callsim/protocol';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { CampaignDrawer } from './CampaignDrawer.js';
import { ClassClockCard } from './ClassClockCard.js';
import { NewCampaignModal } from './NewCampaignModal.js';
import { formatSimTime } from './sim-time.js';

export function CampaignsPage() {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [classes, setClasses] = useState<ClassDto[]>([]);
  const [classId, setClassId] = useState<string>();
  const [campaigns, setCampaigns] = useState<CampaignDto[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [dnc, setDnc] = useState<DoNotCallEntryDto[]>([]);
  const [dncForm] = Form.useForm<{ phone: string; reason: string }>();

  useEffect(() => {
    api<ClassDto[]>('/classes')
      .then((list) => {
        setClasses(list);
        setClassId((current) => current ?? list[0]?.id);
      })
      .catch(showError);
  }, [showError]);
  const load = useCallback(() => {
    if (!classId) return;
    api<CampaignDto[]>(`/outbound/campaigns?classId=${encodeURIComponent(classId)}`)
      .then(setCampaigns)
      .catch(showError);
    api<DoNotCallEntryDto[]>('/outbound/do-not-call').then(setDnc).catch(showError);
  }, [classId, showError]);
  useEffect(load, [load]);

  const addDnc = async () => {
    const values = await dncForm.validateFields();
    await api('/outbound/do-not-call', { method: 'POST', json: values }).catch(showError);
    dncForm.resetFields();
    load();
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('outbound.campaigns.title')}
      </Typography.Title>
      <Space>
        <Typography.Text>{t('outbound.campaign.class')}</Typography.Text>
        <Select
          style={{ minWidth: 220 }}
          value={classId}
          onChange={setClassId}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="campaign-class"
        />
      </Space>
      {classId && <ClassClockCard classId={classId} onChanged={load} />}
      <Card
        title={t('outbound.campaigns.title')}
        extra={
          <Button type="primary" disabled={!classId} onClick={() => setCreating(true)}>
            {t('outbound.campaigns.new')}
          </Button>
        }
      >
        <Table<CampaignDto>
          rowKey="id"
          loading={campaigns === null && classId !== undefined}
          dataSource={campaigns ?? []}
          pagination={false}
          locale={{ emptyText: t('outbound.campaigns.empty') }}
          columns={[
            { title: t('outbound.campaign.name'), dataIndex: 'name' },
            {
              title: t('outbound.col.status'),
              render: (_, c) => <Tag>{t(`outbound.campaign.status.${c.status}` as MessageKey)}</Tag>,
            },
            {
              title: t('outbound.campaign.window'),
              render: (_, c) =>
                `${formatSimTime(c.windowStartSimMs, c.defaultTimezone, locale)} – ${formatSimTime(
                  c.windowEndSimMs,
                  c.defaultTimezone,
                  locale,
                )}`,
            },
            { title: t('outbound.col.customer'), dataIndex: 'customers' },
            {
              title: t('outbound.campaign.tasks'),
              render: (_, c) =>
                Object.entries(c.tasks)
                  .map(([status, n]) => `${t(`outbound.status.${status}` as MessageKey)} ${n}`)
                  .join(' · ') || '—',
            },
            {
              title: t('common.actions'),
              render: (_, c) => (
                <Button onClick={() => setOpenId(c.id)}>{t('outbound.campaign.open')}</Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('outbound.dnc.title')}>
        <Form form={dncForm} layout="inline" style={{ marginBottom: 12 }}>
          <Form.Item name="phone" rules={[{ required: true, min: 3 }]}>
            <Input placeholder={t('outbound.dnc.phone')} />
          </Form.Item>
          <Form.Item name="reason" initialValue="">
            <Input placeholder={t('outbound.dnc.reason')} />
          </Form.Item>
          <Button onClick={() => void addDnc()}>{t('outbound.dnc.add')}</Button>
        </Form>
        <Table<DoNotCallEntryDto>
          size="small"
          rowKey="phoneKey"
          dataSource={dnc}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('outbound.dnc.phone'), dataIndex: 'phone' },
            { title: t('outbound.dnc.reason'), dataIndex: 'reason' },
            {
              title: t('outbound.dnc.addedAt'),
              render: (_, e) => new Date(e.addedAtMs).toLocaleString(locale),
            },
          ]}
        />
      </Card>
      {classId && (
        <NewCampaignModal
          classId={classId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            load();
            setOpenId(created.id);
          }}
        />
      )}
      <CampaignDrawer campaignId={openId} onClose={() => setOpenId(null)} onChanged={load} />
    </Space>
  );
}
