// One measured warm-up reading: pace, pitch movement, loudness and pauses, each with its
// band (green / amber / red) and the green range, plus how a smile moved the voice.
import type { DrillBandName, WarmupBandsDto, WarmupReadingDto } from '@callsim/protocol';
import { Card, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/use-i18n.js';
import type { MessageKey } from '../../i18n/zh-CN.js';
import { BAND_COLOR, greenRange, oneDecimal, perMin } from '../drill-format.js';

interface Row {
  key: keyof WarmupBandsDto | 'syllables' | 'pauses' | 'smile';
  label: MessageKey;
  value: string;
  band: DrillBandName | null;
  target: string;
}

export function ReadingResult({ reading, bands }: { reading: WarmupReadingDto; bands: WarmupBandsDto }) {
  const { t } = useI18n();
  const m = reading.measures;
  const rateUnit = t(
    reading.rateUnit === 'chars/min' ? 'drills.unit.charsPerMinZh' : 'drills.unit.wordsPerMin',
  );
  const rows: Row[] = [
    {
      key: 'ratePerMin',
      label: 'drills.warmup.pace',
      value: `${perMin(m.ratePerMin)} ${rateUnit}`,
      band: reading.bands.ratePerMin,
      target: greenRange(bands.ratePerMin),
    },
    {
      key: 'syllables',
      label: 'drills.warmup.syllables',
      value: `${oneDecimal(m.syllablesPerSec)} ${t('drills.unit.syllablesPerSec')}`,
      band: null,
      target: '',
    },
    {
      key: 'pitchSdSemitones',
      label: 'drills.warmup.pitch',
      value: `${oneDecimal(m.pitchSdSemitones)} ${t('drills.unit.semitones')} · ${Math.round(m.f0MedianHz)} Hz`,
      band: reading.bands.pitchSdSemitones,
      target: greenRange(bands.pitchSdSemitones),
    },
    {
      key: 'levelDb',
      label: 'drills.warmup.loudness',
      value: `${Math.round(m.levelDb)} dB`,
      band: reading.bands.levelDb,
      target: greenRange(bands.levelDb),
    },
    {
      key: 'longestPauseMs',
      label: 'drills.warmup.pauses',
      value: t('drills.warmup.pausesValue', {
        count: m.pauseCount,
        longest: (m.longestPauseMs / 1000).toFixed(1),
      }),
      band: reading.bands.longestPauseMs,
      target: `${greenRange(bands.longestPauseMs)} ms`,
    },
  ];
  if (reading.smile) {
    rows.push({
      key: 'smile',
      label: 'drills.warmup.smile',
      value: t('drills.warmup.smileValue', {
        f0: oneDecimal(reading.smile.f0Semitones),
        energy: oneDecimal(reading.smile.energy2to3kHzDb),
      }),
      band: null,
      target: '',
    });
  }
  return (
    <Card
      size="small"
      title={t('drills.warmup.resultTitle', {
        style: t(`drills.warmup.style.${reading.style}`),
        seconds: (reading.durationMs / 1000).toFixed(1),
      })}
      data-testid="warmup-result"
    >
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        columns={[
          { title: t('drills.warmup.measure'), dataIndex: 'label', render: (key: MessageKey) => t(key) },
          {
            title: t('drills.warmup.value'),
            dataIndex: 'value',
            render: (value: string, row) => <span data-testid={`warmup-${row.key}`}>{value}</span>,
          },
          {
            title: t('drills.warmup.band'),
            dataIndex: 'band',
            render: (band: DrillBandName | null, row) =>
              band ? (
                <Tag color={BAND_COLOR[band]} data-testid={`warmup-${row.key}-band`}>
                  {t(`drills.band.${band}`)}
                </Tag>
              ) : null,
          },
          { title: t('drills.warmup.target'), dataIndex: 'target' },
        ]}
      />
      {reading.smile === null && reading.style === 'smiling' ? (
        <Typography.Text type="secondary">{t('drills.warmup.smileNeedsNeutral')}</Typography.Text>
      ) : null}
    </Card>
  );
}
