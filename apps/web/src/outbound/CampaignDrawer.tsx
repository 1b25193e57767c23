// One campaign for its evaluators: its customer list (CSV import with the bad rows listed
// by line and field, or generated customers) while it is a draft, then start and close,
// the creation summary and its tasks.
import type {
  CampaignDto,
  CustomerImportResultDto,
  OutboundCustomerDto,
  OutboundTaskDto,
} from '@callsim/protocol';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { formatSimTime } from './sim-time.js';

/** Problem codes the UI has its own words for; others show the server's message. */
const CSV_PROBLEM_KEYS = Object.fromEntries(
  [
    'name.empty',
    'name.long',
    'phone.empty',
    'phone.invalid',
    'phone.duplicate',
    'phone.exists',
    'timezone.invalid',
    'birthday.invalid',
    'birthday.missing',
  ].map((code) => [`outbound.csv.${code}`, true]),
);

export function CampaignDrawer({
  campaignId,
  onClose,
  onChanged,
}: {
  campaignId: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const showError = useApiErrorToast();
  const [campaign, setCampaign] = useState<CampaignDto | null>(null);
  const [customers, setCustomers] = useState<OutboundCustomerDto[]>([]);
  const [tasks, setTasks] = useState<OutboundTaskDto[]>([]);
  const [importResult, setImportResult] = useState<CustomerImportResultDto | null>(null);
  const [count, setCount] = useState(20);

  const load = useCallback(() => {
    if (!campaignId) return;
    api<CampaignDto>(`/outbound/campaigns/${campaignId}`).then(setCampaign).catch(showError);
    api<OutboundCustomerDto[]>(`/outbound/campaigns/${campaignId}/customers`)
      .then(setCustomers)
      .catch(showError);
    api<OutboundTaskDto[]>(`/outbound/campaigns/${campaignId}/tasks`).then(setTasks).catch(showError);
  }, [campaignId, showError]);
  useEffect(() => {
    setCampaign(null);
    setImportResult(null);
    load();
  }, [load]);

  const act = (path: string, init: Parameters<typeof api>[1]) =>
    api<unknown>(`/outbound/campaigns/${campaignId}${path}`, init)
      .then((result) => {
        load();
        onChanged();
        return result;
      })
      .catch((error) => {
        showError(error);
        return null;
      });

  const importCsv = async (file: File) => {
    const result = (await act('/customers', {
      method: 'POST',
      body: await file.text(),
      headers: { 'content-type': 'text/csv' },
    })) as CustomerImportResultDto | null;
    if (result) setImportResult(result);
  };

  const draft = campaign?.status === 'draft';
  const zone = campaign?.defaultTimezone ?? 'Asia/Shanghai';
  return (
    <Drawer open={campaignId !== null} onClose={onClose} width={760} title={campaign?.name} destroyOnHidden>
      {campaign && (
        <Space direction="vertical" style={{ width: '100%' }} size="large" data-testid="campaign-drawer">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('outbound.col.status')}>
              <Tag>{t(`outbound.campaign.status.${campaign.status}` as MessageKey)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('outbound.campaign.quota')}>
              {campaign.quotaPerTrainee}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbound.campaign.window')} span={2}>
              {formatSimTime(campaign.windowStartSimMs, zone, locale)} –{' '}
              {formatSimTime(campaign.windowEndSimMs, zone, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('outbound.campaign.scenarios')} span={2}>
              {campaign.scenarioIds.join(', ')}
            </Descriptions.Item>
          </Descriptions>
          {campaign.summary && (
            <Alert
              type="info"
              showIcon
              data-testid="campaign-summary"
              message={t('outbound.campaign.summary', {
                created: campaign.summary.tasksCreated,
                dnc: campaign.summary.skippedDoNotCall,
                noOccasion: campaign.summary.skippedNoOccasion,
                unassigned: campaign.summary.unassigned,
              })}
            />
          )}
          <Space wrap>
            {draft && (
              <>
                <Upload
                  accept=".csv,text/csv"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void importCsv(file);
                    return false;
                  }}
                >
                  <Button>{t('outbound.campaign.importCsv')}</Button>
                </Upload>
                <InputNumber min={1} max={1000} value={count} onChange={(v) => setCount(v ?? 20)} />
                <Button onClick={() => void act('/customers/generate', { method: 'POST', json: { count } })}>
                  {t('outbound.campaign.generate')}
                </Button>
                <Button
                  type="primary"
                  disabled={customers.length === 0}
                  onClick={() => void act('/start', { method: 'POST', json: {} })}
                >
                  {t('outbound.campaign.start')}
                </Button>
              </>
            )}
            {campaign.status === 'active' && (
              <Button danger onClick={() => void act('/close', { method: 'POST', json: {} })}>
                {t('outbound.campaign.close')}
              </Button>
            )}
          </Space>
          {draft && <Typography.Text type="secondary">{t('outbound.campaign.csvHelp')}</Typography.Text>}
          {importResult && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert
                type={importResult.problems.length > 0 ? 'warning' : 'success'}
                showIcon
                message={t('outbound.campaign.importResult', {
                  imported: importResult.imported,
                  skipped: importResult.skipped,
                  dnc: importResult.doNotCall,
                })}
              />
              {importResult.problems.length > 0 && (
                <Table
                  size="small"
                  rowKey={(p) => `${p.line}:${p.field}`}
                  dataSource={importResult.problems}
                  pagination={false}
                  columns={[
                    { title: t('outbound.campaign.problem.line'), dataIndex: 'line', width: 60 },
                    { title: t('outbound.campaign.problem.field'), dataIndex: 'field', width: 100 },
                    {
                      title: t('outbound.campaign.problem.message'),
                      render: (_, p) =>
                        `outbound.csv.${p.code}` in CSV_PROBLEM_KEYS
                          ? t(`outbound.csv.${p.code}` as MessageKey, { value: p.value })
                          : p.message,
                    },
                  ]}
                />
              )}
            </Space>
          )}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('outbound.campaign.customers', { count: customers.length })}
          </Typography.Title>
          <Table<OutboundCustomerDto>
            size="small"
            rowKey={(c) => c.id ?? c.phone}
            dataSource={customers}
            pagination={{ pageSize: 8 }}
            columns={[
              { title: t('outbound.col.customer'), dataIndex: 'name' },
              { title: t('outbound.phone'), dataIndex: 'phone' },
              { title: t('outbound.timezone'), dataIndex: 'timezone' },
              { title: t('outbound.birthday'), dataIndex: 'birthday' },
            ]}
          />
          {tasks.length > 0 && (
            <>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('outbound.campaign.tasks')}
              </Typography.Title>
              <Table<OutboundTaskDto>
                size="small"
                rowKey="id"
                dataSource={tasks}
                pagination={{ pageSize: 8 }}
                columns={[
                  { title: t('outbound.col.customer'), render: (_, task) => task.customer.name },
                  { title: t('outbound.col.scenario'), dataIndex: 'scenarioTitle' },
                  {
                    title: t('outbound.col.due'),
                    render: (_, task) => formatSimTime(task.dueSimMs, zone, locale),
                  },
                  {
                    title: t('outbound.col.status'),
                    render: (_, task) => <Tag>{t(`outbound.status.${task.status}` as MessageKey)}</Tag>,
                  },
                  {
                    title: t('outbound.col.attempts'),
                    render: (_, task) => `${task.attempts}/${task.maxAttempts}`,
                  },
                ]}
              />
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}
