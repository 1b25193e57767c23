// A class's gradebook on screen (trainee × scenario mean scores, averages, pass rates)
// with CSV and XLSX downloads of the same table.

import { DownloadOutlined } from '@ant-design/icons';
import type { ClassDto, GradebookDto, GradebookRowDto } from '@callsim/protocol';
import { Button, Empty, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { useI18n } from '../i18n/use-i18n.js';
import { gradebookFileUrl, reviewApi } from './review-api.js';

const pct = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${value}`;

export function GradebookPanel({ classes }: { classes: readonly ClassDto[] }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [classId, setClassId] = useState<string | undefined>(classes[0]?.id);
  const [book, setBook] = useState<GradebookDto | null>(null);

  useEffect(() => {
    if (!classId) return;
    reviewApi.gradebook(classId).then(setBook).catch(showError);
  }, [classId, showError]);

  if (classes.length === 0) return <Empty description={t('review.noClasses')} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="gradebook">
      <Space wrap>
        <Select
          style={{ width: 180 }}
          value={classId}
          onChange={setClassId}
          options={classes.map((c) => ({ value: c.id, label: c.name }))}
        />
        {classId && (
          <>
            <Button
              icon={<DownloadOutlined />}
              href={gradebookFileUrl(classId, 'xlsx')}
              data-testid="gradebook-xlsx"
            >
              XLSX
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={gradebookFileUrl(classId, 'csv')}
              data-testid="gradebook-csv"
            >
              CSV
            </Button>
          </>
        )}
      </Space>
      <Typography.Text type="secondary">{t('review.gradebook.help')}</Typography.Text>
      {book && (
        <Table<GradebookRowDto>
          size="small"
          rowKey="userId"
          pagination={false}
          scroll={{ x: true }}
          dataSource={book.rows}
          columns={[
            { title: t('review.gradebook.username'), dataIndex: 'username', fixed: 'left' },
            { title: t('review.gradebook.name'), dataIndex: 'displayName' },
            ...book.scenarios.map((s) => ({
              title: s.title,
              render: (_: unknown, r: GradebookRowDto) => pct(r.cells[s.id]?.meanPct),
            })),
            { title: t('review.gradebook.average'), render: (_, r) => pct(r.meanPct) },
            { title: t('review.gradebook.calls'), dataIndex: 'calls' },
            { title: t('review.gradebook.passRate'), render: (_, r) => pct(r.passRatePct) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('review.gradebook.class')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{book.className}</Table.Summary.Cell>
              {book.scenarios.map((s, k) => (
                <Table.Summary.Cell key={s.id} index={2 + k}>
                  {pct(book.scenarioMeans[s.id])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={2 + book.scenarios.length}>
                {pct(book.classMeanPct)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3 + book.scenarios.length}>
                {book.rows.reduce((s, r) => s + r.calls, 0)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4 + book.scenarios.length}>
                {pct(book.classPassRatePct)}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </Space>
  );
}
