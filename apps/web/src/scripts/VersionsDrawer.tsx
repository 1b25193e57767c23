// Earlier versions of the open file (kept by every save): pick one to read it, then
// restore it into the editor — restoring does not save; the teacher reviews and saves.
import type { ScriptVersionDto, ScriptVersionTextDto } from '@callsim/protocol';
import { Button, Drawer, Empty, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { CodeEditor } from './CodeEditor.js';

export interface VersionsDrawerProps {
  path: string | null;
  open: boolean;
  onClose: () => void;
  onRestore: (text: string, version: ScriptVersionDto) => void;
  showError: (error: unknown) => void;
}

export function VersionsDrawer({ path, open, onClose, onRestore, showError }: VersionsDrawerProps) {
  const { t, locale } = useI18n();
  const [versions, setVersions] = useState<ScriptVersionDto[] | null>(null);
  const [shown, setShown] = useState<ScriptVersionTextDto | null>(null);

  useEffect(() => {
    if (!open || path === null) return;
    setVersions(null);
    setShown(null);
    api<ScriptVersionDto[]>(`/call-scripts/versions?${new URLSearchParams({ path })}`)
      .then(setVersions)
      .catch((error: unknown) => {
        setVersions([]);
        showError(error);
      });
  }, [open, path, showError]);

  async function show(version: ScriptVersionDto) {
    if (path === null) return;
    try {
      setShown(
        await api<ScriptVersionTextDto>(
          `/call-scripts/version?${new URLSearchParams({ path, id: version.id })}`,
        ),
      );
    } catch (error) {
      showError(error);
    }
  }

  const when = (ms: number) => new Date(ms).toLocaleString(locale);
  return (
    <Drawer
      title={t('scripts.versions.title', { path: path ?? '' })}
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('scripts.versions.help')}</Typography.Text>
        {versions !== null && versions.length === 0 ? (
          <Empty description={t('scripts.versions.none')} />
        ) : (
          <List
            size="small"
            bordered
            loading={versions === null}
            dataSource={versions ?? []}
            style={{ maxHeight: 220, overflow: 'auto' }}
            renderItem={(v) => (
              <List.Item
                style={{ cursor: 'pointer', background: shown?.id === v.id ? '#e6f4ff' : undefined }}
                onClick={() => void show(v)}
                data-testid="script-version"
              >
                <Space>
                  <Typography.Text>
                    {t('scripts.versions.replacedAt', { time: when(v.savedAtMs) })}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('scripts.versions.bytes', { bytes: v.bytes })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        {shown ? (
          <>
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text strong>{when(shown.savedAtMs)}</Typography.Text>
              <Button
                type="primary"
                onClick={() => onRestore(shown.text, shown)}
                data-testid="script-version-restore"
              >
                {t('scripts.versions.restore')}
              </Button>
            </Space>
            <CodeEditor
              value={shown.text}
              onChange={() => undefined}
              problems={[]}
              heightPx={420}
              readOnly
              ariaLabel={t('scripts.versions.textLabel')}
            />
          </>
        ) : null}
      </Space>
    </Drawer>
  );
}
