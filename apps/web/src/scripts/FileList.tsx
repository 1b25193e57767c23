// The call-script files grouped as the folder is: templates, inbound, outbound (and any
// other folder), each with its title, locale and problem counts; the open file highlighted.
import type { CallScriptFileSummaryDto } from '@callsim/protocol';
import { Badge, Empty, Menu, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';

const GROUPS = ['templates', 'inbound', 'outbound', 'other'] as const;
type Group = (typeof GROUPS)[number];

function groupOf(path: string): Group {
  const first = path.split('/')[0];
  return first === 'templates' || first === 'inbound' || first === 'outbound' ? first : 'other';
}

export interface FileListProps {
  files: readonly CallScriptFileSummaryDto[];
  selected: string | null;
  onSelect: (path: string) => void;
}

export function FileList({ files, selected, onSelect }: FileListProps) {
  const { t } = useI18n();
  if (files.length === 0) return <Empty description={t('scripts.files.empty')} />;
  const items = GROUPS.map((group) => {
    const inGroup = files.filter((f) => groupOf(f.path) === group);
    return inGroup.length === 0
      ? null
      : {
          type: 'group' as const,
          key: group,
          label: `${t(`scripts.group.${group}`)} (${inGroup.length})`,
          children: inGroup.map((f) => ({
            key: f.path,
            title: f.path,
            style: { height: 'auto', lineHeight: 1.4, paddingBlock: 6 },
            label: (
              <Space
                orientation="vertical"
                size={0}
                style={{ width: '100%' }}
                data-testid={`script-file-${f.path}`}
              >
                <Space size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text ellipsis style={{ maxWidth: 170 }}>
                    {f.title ?? f.id ?? f.path.split('/').pop()}
                  </Typography.Text>
                  <Space size={2}>
                    {f.errorCount > 0 ? (
                      <Badge
                        count={f.errorCount}
                        title={t('scripts.files.errors', { count: f.errorCount })}
                      />
                    ) : null}
                    {f.warningCount > 0 ? (
                      <Badge
                        count={f.warningCount}
                        color="#faad14"
                        title={t('scripts.files.warnings', { count: f.warningCount })}
                      />
                    ) : null}
                  </Space>
                </Space>
                <Space size={4}>
                  {f.locale ? <Tag style={{ marginInlineEnd: 0 }}>{f.locale}</Tag> : null}
                  {f.category ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.category}
                    </Typography.Text>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {f.path.split('/').pop()}
                  </Typography.Text>
                </Space>
              </Space>
            ),
          })),
        };
  }).filter((item) => item !== null);
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => onSelect(String(key))}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
