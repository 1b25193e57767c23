// Classes the viewer may see (admins: all; evaluators: their own), with members.
import type { ClassDto } from '@callsim/protocol';
import { Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useSession } from '../auth/use-session.js';
import { useI18n } from '../i18n/use-i18n.js';
import { ClassSessionPanel } from './ClassSessionPanel.js';

interface Member {
  userId: string;
  username: string;
  displayName: string;
  roleInClass: 'trainee' | 'evaluator';
}

function MembersTable({ classId }: { classId: string }) {
  const { t } = useI18n();
  const [members, setMembers] = useState<Member[] | null>(null);
  const showError = useApiErrorToast();
  useEffect(() => {
    api<Member[]>(`/classes/${classId}/members`).then(setMembers).catch(showError);
  }, [classId, showError]);
  return (
    <Table
      size="small"
      rowKey="userId"
      loading={members === null}
      dataSource={members ?? []}
      pagination={false}
      columns={[
        { title: t('users.username'), dataIndex: 'username' },
        { title: t('users.displayName'), dataIndex: 'displayName' },
        {
          title: t('users.role'),
          dataIndex: 'roleInClass',
          render: (r: Member['roleInClass']) => <Tag>{t(`role.${r}`)}</Tag>,
        },
      ]}
    />
  );
}

export function ClassesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const showError = useApiErrorToast();
  const [classes, setClasses] = useState<ClassDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setClasses(await api<ClassDto[]>('/classes'));
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  }, [showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('classes.title')}
        </Typography.Title>
        {user?.role === 'admin' && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('classes.add')}
          </Button>
        )}
      </Space>
      <Table
        rowKey="id"
        loading={loading}
        dataSource={classes}
        locale={{ emptyText: t('classes.empty') }}
        expandable={{
          expandedRowRender: (c) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <ClassSessionPanel classId={c.id} />
              <MembersTable classId={c.id} />
            </Space>
          ),
        }}
        columns={[
          { title: t('classes.name'), dataIndex: 'name' },
          { title: t('classes.description'), dataIndex: 'description' },
          { title: t('classes.trainees'), dataIndex: 'traineeCount', width: 110 },
          {
            title: t('classes.evaluators'),
            render: (_, c) => c.evaluatorNames.join('、') || t('common.none'),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('classes.add')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values: { name: string; description?: string }) => {
            try {
              await api('/classes', { method: 'POST', json: values });
              setAdding(false);
              form.resetFields();
              await reload();
            } catch (error) {
              showError(error);
            }
          }}
        >
          <Form.Item name="name" label={t('classes.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('classes.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
