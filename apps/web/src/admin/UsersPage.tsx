// Admin: every account with its role and classes; add one, reset a password,
// disable or enable, or import a whole class from a roster CSV.
import { PASSWORD_MIN_LENGTH, type Role, type UserDto } from '@callsim/protocol';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { RosterImport } from './RosterImport.js';
import { useApiErrorToast } from './use-api-error.js';

export function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useApiErrorToast();
  const [users, setUsers] = useState<UserDto[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const [addForm] = Form.useForm();
  const [resetForm] = Form.useForm();

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setUsers(await api<UserDto[]>('/users'));
    } catch (error) {
      showError(error);
    } finally {
      setLoading(false);
    }
  }, [showError]);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function addUser(values: {
    username: string;
    displayName?: string;
    password: string;
    role: Role;
    className?: string;
  }) {
    try {
      await api('/users', { method: 'POST', json: values });
      void message.success(t('users.created', { username: values.username }));
      setAdding(false);
      addForm.resetFields();
      await reload();
    } catch (error) {
      showError(error);
    }
  }

  async function resetPassword(values: { password: string }) {
    if (!resetting) return;
    try {
      await api(`/users/${resetting.id}/password`, { method: 'POST', json: values });
      void message.success(t('users.passwordReset', { username: resetting.username }));
      setResetting(null);
      resetForm.resetFields();
    } catch (error) {
      showError(error);
    }
  }

  async function toggleDisabled(user: UserDto) {
    try {
      await api(`/users/${user.id}`, { method: 'PATCH', json: { disabled: !user.disabled } });
      void message.success(t('users.updated'));
      await reload();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        <Space>
          <Button onClick={() => setImporting(true)} data-testid="roster-open">
            {t('users.import')}
          </Button>
          <Button type="primary" onClick={() => setAdding(true)} data-testid="user-add">
            {t('users.add')}
          </Button>
        </Space>
      </Space>
      <Table
        rowKey="id"
        loading={loading}
        dataSource={users}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: Role) => <Tag>{t(`role.${role}`)}</Tag>,
          },
          {
            title: t('users.classes'),
            render: (_, u) => u.classes.map((c) => <Tag key={c.id}>{c.name}</Tag>),
          },
          {
            title: t('users.state'),
            render: (_, u) =>
              u.disabled ? (
                <Tag color="red">{t('users.disabled')}</Tag>
              ) : (
                <Tag color="green">{t('users.active')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
                <Button size="small" danger={!u.disabled} onClick={() => void toggleDisabled(u)}>
                  {u.disabled ? t('users.enable') : t('users.disable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('users.add')}
        onCancel={() => setAdding(false)}
        onOk={() => addForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form form={addForm} layout="vertical" onFinish={addUser} initialValues={{ role: 'trainee' }}>
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')}>
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.password')}
            rules={[{ required: true, min: PASSWORD_MIN_LENGTH }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="role" label={t('users.role')}>
            <Select
              options={(['trainee', 'evaluator', 'admin'] as const).map((r) => ({
                value: r,
                label: t(`role.${r}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="className" label={t('users.class')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resetting !== null}
        title={`${t('users.resetPassword')} — ${resetting?.username ?? ''}`}
        onCancel={() => setResetting(null)}
        onOk={() => resetForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
      >
        <Form form={resetForm} layout="vertical" onFinish={resetPassword}>
          <Form.Item
            name="password"
            label={t('users.newPassword')}
            rules={[{ required: true, min: PASSWORD_MIN_LENGTH }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <RosterImport
        open={importing}
        onClose={(changed) => {
          setImporting(false);
          if (changed) void reload();
        }}
      />
    </Space>
  );
}
