// Asks where a new call-script file goes (inbound/, outbound/ or templates/, its locale
// and a kebab-case name that becomes its id) and opens it in the editor with a valid
// starting text. Nothing is written until the teacher saves.
import { Form, Input, Modal, Select, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import { type SkeletonFolder, type SkeletonLocale, skeletonFor } from './skeletons.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface Values {
  folder: SkeletonFolder;
  locale: SkeletonLocale;
  name: string;
}

export function newFilePath({ folder, locale, name }: Values): string {
  return folder === 'templates' ? `templates/${name}.yaml` : `${folder}/${locale}/${name}.yaml`;
}

export interface NewFileModalProps {
  open: boolean;
  existingPaths: readonly string[];
  onCancel: () => void;
  onCreate: (path: string, text: string) => void;
}

export function NewFileModal({ open, existingPaths, onCancel, onCreate }: NewFileModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const preview =
    values?.folder && values.locale && values.name && KEBAB.test(values.name)
      ? newFilePath(values as Values)
      : null;

  return (
    <Modal
      open={open}
      title={t('scripts.new.title')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={t('scripts.new.create')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ folder: 'inbound', locale: 'zh-CN', name: '' }}
        onFinish={(v) => {
          onCreate(newFilePath(v), skeletonFor(v.folder, v.locale, v.name));
          form.resetFields();
        }}
      >
        <Form.Item name="folder" label={t('scripts.new.folder')}>
          <Select
            options={(['inbound', 'outbound', 'templates'] as const).map((f) => ({
              value: f,
              label: t(`scripts.group.${f}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="locale" label={t('scripts.new.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: t('scripts.new.localeZh') },
              { value: 'en-US', label: t('scripts.new.localeEn') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('scripts.new.name')}
          extra={t('scripts.new.nameHelp')}
          rules={[
            { required: true, message: t('scripts.new.nameRequired') },
            { pattern: KEBAB, message: t('scripts.new.nameKebab') },
            {
              validator: (_rule, name: string) =>
                values?.folder &&
                values.locale &&
                KEBAB.test(name ?? '') &&
                existingPaths.includes(newFilePath({ folder: values.folder, locale: values.locale, name }))
                  ? Promise.reject(new Error(t('scripts.new.exists')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input placeholder="complaint-broken-kettle" data-testid="script-new-name" />
        </Form.Item>
        {preview ? (
          <Typography.Text type="secondary">{t('scripts.new.path', { path: preview })}</Typography.Text>
        ) : null}
      </Form>
    </Modal>
  );
}
