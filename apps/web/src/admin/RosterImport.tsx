// Roster CSV import: pick a file, send it, then show per-row problems and the
// passwords generated for blank cells (only this once).
import type { RosterImportResultDto } from '@callsim/protocol';
import { Alert, Button, Input, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { useApiErrorToast } from './use-api-error.js';

export function RosterImport({ open, onClose }: { open: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [defaultClass, setDefaultClass] = useState('');
  const [result, setResult] = useState<RosterImportResultDto | null>(null);
  const [busy, setBusy] = useState(false);

  async function upload(file: File) {
    setBusy(true);
    try {
      const text = await file.text();
      const query = defaultClass.trim() ? `?class=${encodeURIComponent(defaultClass.trim())}` : '';
      setResult(
        await api<RosterImportResultDto>(`/users/roster${query}`, {
          method: 'POST',
          body: text,
          headers: { 'content-type': 'text/csv' },
        }),
      );
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('roster.title')}
      width={720}
      onCancel={() => {
        onClose(result !== null);
        setResult(null);
      }}
      footer={null}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('roster.help')}</Typography.Paragraph>
        <Input
          placeholder={t('roster.defaultClass')}
          value={defaultClass}
          onChange={(e) => setDefaultClass(e.target.value)}
        />
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button loading={busy} data-testid="roster-choose">
            {t('roster.choose')}
          </Button>
        </Upload>
        {result && (
          <>
            <Alert
              type={result.problems.length ? 'warning' : 'success'}
              showIcon
              message={t('roster.result', { imported: result.imported, skipped: result.skipped })}
              data-testid="roster-result"
            />
            {result.problems.length > 0 && (
              <Table
                size="small"
                rowKey={(p) => `${p.row}-${p.field}`}
                pagination={false}
                dataSource={result.problems}
                columns={[
                  { title: t('roster.row'), dataIndex: 'row', width: 70 },
                  { title: t('roster.field'), dataIndex: 'field', width: 110 },
                  {
                    title: t('roster.problem'),
                    render: (_, p) => t(`roster.code.${p.code}` as MessageKey, { value: p.value }),
                  },
                ]}
              />
            )}
            {result.generatedPasswords.length > 0 && (
              <>
                <Typography.Text strong>{t('roster.generated')}</Typography.Text>
                <Table
                  size="small"
                  rowKey="username"
                  pagination={false}
                  dataSource={result.generatedPasswords}
                  columns={[
                    { title: t('users.username'), dataIndex: 'username' },
                    {
                      title: t('users.password'),
                      dataIndex: 'password',
                      render: (v: string) => (
                        <Typography.Text code copyable>
                          {v}
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}
