// The problems of the open file, one per row with its line (click: the editor jumps
// there), the message and how to fix it; below, errors the edit would cause in other files.
import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { ScriptDiagnosticDto } from '@callsim/protocol';
import { List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';

export interface ProblemsPanelProps {
  diagnostics: readonly ScriptDiagnosticDto[];
  elsewhere: readonly ScriptDiagnosticDto[];
  onGoToLine: (line: number) => void;
  onOpenFile: (path: string) => void;
}

function Row({ d, showPath }: { d: ScriptDiagnosticDto; showPath: boolean }) {
  const { t } = useI18n();
  return (
    <Space align="start" size={8}>
      {d.severity === 'error' ? (
        <CloseCircleFilled
          style={{ color: '#ff4d4f', marginTop: 4 }}
          aria-label={t('scripts.problems.error')}
        />
      ) : (
        <WarningFilled
          style={{ color: '#faad14', marginTop: 4 }}
          aria-label={t('scripts.problems.warning')}
        />
      )}
      <Space orientation="vertical" size={0}>
        <Space size={6} wrap>
          <Tag style={{ marginInlineEnd: 0, fontFamily: 'monospace' }}>
            {showPath ? `${d.path}:${d.line}` : t('scripts.problems.line', { line: d.line })}
          </Tag>
          <Typography.Text>{d.message}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code}
          </Typography.Text>
        </Space>
        {d.hint ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.hint}
          </Typography.Text>
        ) : null}
      </Space>
    </Space>
  );
}

export function ProblemsPanel({ diagnostics, elsewhere, onGoToLine, onOpenFile }: ProblemsPanelProps) {
  const { t } = useI18n();
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small" data-testid="script-problems">
      {sorted.length === 0 ? (
        <Typography.Text type="success">{t('scripts.problems.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          dataSource={sorted}
          style={{ maxHeight: 240, overflow: 'auto' }}
          renderItem={(d) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => onGoToLine(d.line)}
              data-testid="script-problem"
              title={t('scripts.problems.jump')}
            >
              <Row d={d} showPath={false} />
            </List.Item>
          )}
        />
      )}
      {elsewhere.length > 0 ? (
        <>
          <Typography.Text type="danger" strong>
            {t('scripts.problems.elsewhere', { count: elsewhere.length })}
          </Typography.Text>
          <List
            size="small"
            bordered
            dataSource={[...elsewhere]}
            style={{ maxHeight: 200, overflow: 'auto' }}
            renderItem={(d) => (
              <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpenFile(d.path)}>
                <Row d={d} showPath />
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Space>
  );
}
