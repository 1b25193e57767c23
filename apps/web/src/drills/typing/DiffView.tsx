// The alignment of what was typed against what was said: matching text plain, a wrong
// character struck through with the right one after it, a missed one underlined, an
// extra one struck through. Colours are backed by the legend's words (not colour alone).
import type { TypingDiffRunDto } from '@callsim/protocol';
import { Space, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.js';

const STYLE = {
  typedWrong: { color: '#cf1322', textDecoration: 'line-through' },
  said: { color: '#389e0d', background: '#f6ffed' },
  missed: { color: '#d46b08', background: '#fff7e6', textDecoration: 'underline' },
  extra: { color: '#cf1322', background: '#fff1f0', textDecoration: 'line-through' },
} as const;

export function DiffView({ runs }: { runs: readonly TypingDiffRunDto[] }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph
        data-testid="typing-diff"
        style={{ fontSize: 18, lineHeight: 2, marginBottom: 0 }}
      >
        {runs.map((run, index) => {
          const key = `${index}-${run.kind}`;
          switch (run.kind) {
            case 'equal':
              return <span key={key}>{run.reference}</span>;
            case 'substitution':
              return (
                <span key={key} data-testid="diff-substitution" title={t('drills.diff.substitutionTitle')}>
                  <del style={STYLE.typedWrong}>{run.typed}</del>
                  <ins style={{ ...STYLE.said, textDecoration: 'none' }}>{run.reference}</ins>
                </span>
              );
            case 'deletion':
              return (
                <ins
                  key={key}
                  data-testid="diff-deletion"
                  style={STYLE.missed}
                  title={t('drills.diff.deletionTitle')}
                >
                  {run.reference}
                </ins>
              );
            default:
              return (
                <del
                  key={key}
                  data-testid="diff-insertion"
                  style={STYLE.extra}
                  title={t('drills.diff.insertionTitle')}
                >
                  {run.typed}
                </del>
              );
          }
        })}
      </Typography.Paragraph>
      <Space wrap size="large" style={{ fontSize: 12 }}>
        <span>
          <del style={STYLE.typedWrong}>{t('drills.diff.sampleTyped')}</del>
          <ins style={{ ...STYLE.said, textDecoration: 'none' }}>{t('drills.diff.sampleSaid')}</ins>{' '}
          {t('drills.diff.legendSubstitution')}
        </span>
        <span>
          <ins style={STYLE.missed}>{t('drills.diff.sampleMissed')}</ins> {t('drills.diff.legendDeletion')}
        </span>
        <span>
          <del style={STYLE.extra}>{t('drills.diff.sampleExtra')}</del> {t('drills.diff.legendInsertion')}
        </span>
      </Space>
    </Space>
  );
}
