// The result of one dictation: speed, accuracy and net speed against the class targets,
// the character diff, and (key-field mode) each field on its own line.
import type { TypingResultDto } from '@callsim/protocol';
import { Alert, Card, Descriptions, Space, Statistic, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.js';
import { percent, perMin } from '../drill-format.js';
import { DiffView } from './DiffView.js';

export function TypingResult({ result }: { result: TypingResultDto }) {
  const { t } = useI18n();
  const unit = t(result.locale === 'zh-CN' ? 'drills.unit.charsPerMinZh' : 'drills.unit.charsPerMinEn');
  return (
    <Card title={t('drills.typing.resultTitle')} data-testid="typing-result">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space size="large" wrap>
          <Statistic
            title={t('drills.typing.speed')}
            value={perMin(result.charsPerMin)}
            suffix={unit}
            styles={{ content: { fontSize: 24 } }}
            data-testid="typing-cpm"
          />
          <Statistic
            title={t('drills.typing.accuracy')}
            value={percent(result.accuracy)}
            styles={{ content: { fontSize: 24 } }}
            data-testid="typing-accuracy"
          />
          <Statistic
            title={t('drills.typing.netSpeed')}
            value={perMin(result.netCharsPerMin)}
            suffix={unit}
            styles={{ content: { fontSize: 24 } }}
            data-testid="typing-net"
          />
        </Space>
        <Alert
          type={result.passed ? 'success' : 'warning'}
          showIcon
          data-testid="typing-passed"
          title={t(result.passed ? 'drills.typing.passed' : 'drills.typing.notPassed', {
            speed: result.targets.charsPerMin,
            accuracy: Math.round(result.targets.accuracy * 100),
            unit,
          })}
        />
        <Typography.Text type="secondary">
          {t('drills.typing.errors', {
            n: result.referenceChars,
            s: result.substitutions,
            d: result.deletions,
            i: result.insertions,
            cer: percent(result.cer),
          })}
        </Typography.Text>
        {result.fields ? (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={result.fields.map((field) => ({
              key: field.id,
              label: t(`drills.field.${field.id}`),
              children: (
                <Space
                  orientation="vertical"
                  style={{ width: '100%' }}
                  data-testid={`typing-field-result-${field.id}`}
                >
                  <DiffView runs={field.diff} />
                  <Tag color={field.accuracy === 1 ? 'success' : 'error'}>
                    {t('drills.typing.accuracy')} {percent(field.accuracy)}
                  </Tag>
                </Space>
              ),
            }))}
          />
        ) : (
          <DiffView runs={result.diff} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('drills.typing.reference')}: <span data-testid="typing-reference">{result.reference}</span>
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('drills.typing.meta', {
            plays: result.playCount,
            speed: result.speed.toFixed(1),
            seconds: Math.round(result.elapsedMs / 1000),
          })}
        </Typography.Text>
      </Space>
    </Card>
  );
}
