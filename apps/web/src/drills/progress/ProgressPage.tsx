// Drill progress over time: listen-and-type and warm-up trends per measure (echarts),
// personal bests, and the class leaderboard. Trainees see their own; evaluators pick a
// trainee of their class and also set the class's drill targets.
import type {
  DrillOverviewDto,
  DrillProgressDto,
  LeaderboardDto,
  WarmupBandsDto,
  WarmupProgressPointDto,
} from '@callsim/protocol';
import { Card, Col, Empty, Row, Segmented, Select, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useApiErrorToast } from '../../admin/use-api-error.js';
import { api } from '../../api/client.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { percent, perMin } from '../drill-format.js';
import { drillsApi } from '../drills-api.js';
import { ClassSettingsForm } from './ClassSettingsForm.js';
import { Leaderboard } from './Leaderboard.js';
import { TrendChart, type TrendSeries } from './TrendChart.js';

type TypingMetric = 'net' | 'accuracy' | 'speed';
type WarmupMetric = 'pace' | 'pitch' | 'loudness' | 'pauses';

const WARMUP_FIELD: Record<
  WarmupMetric,
  { pick: (p: WarmupProgressPointDto) => number; band: keyof WarmupBandsDto }
> = {
  pace: { pick: (p) => p.ratePerMin, band: 'ratePerMin' },
  pitch: { pick: (p) => p.pitchSdSemitones, band: 'pitchSdSemitones' },
  loudness: { pick: (p) => p.levelDb, band: 'levelDb' },
  pauses: { pick: (p) => p.longestPauseMs, band: 'longestPauseMs' },
};

interface Member {
  userId: string;
  displayName: string;
  roleInClass: 'trainee' | 'evaluator';
}

export function ProgressPage() {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [classId, setClassId] = useState<string | undefined>(undefined);
  const [overview, setOverview] = useState<DrillOverviewDto | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<DrillProgressDto | null>(null);
  const [board, setBoard] = useState<LeaderboardDto | null>(null);
  const [bands, setBands] = useState<WarmupBandsDto | null>(null);
  const [typingMetric, setTypingMetric] = useState<TypingMetric>('net');
  const [warmupMetric, setWarmupMetric] = useState<WarmupMetric>('pace');

  useEffect(() => {
    drillsApi.overview(classId).then(setOverview).catch(showError);
  }, [classId, showError]);

  const manager = overview?.canEditSettings === true;
  const currentClass = overview?.classId ?? undefined;
  useEffect(() => {
    if (!currentClass) return;
    drillsApi.leaderboard(currentClass).then(setBoard).catch(showError);
    drillsApi
      .warmupSentences(currentClass)
      .then((s) => setBands(s.bands))
      .catch(showError);
    if (manager)
      api<Member[]>(`/classes/${currentClass}/members`)
        .then((list) => setMembers(list.filter((m) => m.roleInClass === 'trainee')))
        .catch(showError);
  }, [currentClass, manager, showError]);

  useEffect(() => {
    if (!overview || (manager && !userId)) {
      setProgress(null);
      return;
    }
    drillsApi.progress(userId, currentClass).then(setProgress).catch(showError);
  }, [overview, manager, userId, currentClass, showError]);

  const unit = t(
    progress?.rateUnit === 'words/min' ? 'drills.unit.charsPerMinEn' : 'drills.unit.charsPerMinZh',
  );
  const typingSeries = useMemo<TrendSeries[]>(() => {
    if (!progress || !overview) return [];
    const targets = overview.settings;
    if (typingMetric === 'accuracy')
      return [
        {
          name: t('drills.typing.accuracy'),
          points: progress.typing.map((p) => [p.atMs, Math.round(p.accuracy * 1000) / 10]),
          target: targets.targetAccuracy * 100,
        },
      ];
    const net = typingMetric === 'net';
    return [
      {
        name: t(net ? 'drills.typing.netSpeed' : 'drills.typing.speed'),
        points: progress.typing.map((p) => [p.atMs, Math.round(net ? p.netCharsPerMin : p.charsPerMin)]),
        target: targets.targetCharsPerMin,
      },
    ];
  }, [progress, overview, typingMetric, t]);

  const warmupSeries = useMemo<TrendSeries[]>(() => {
    if (!progress) return [];
    const field = WARMUP_FIELD[warmupMetric];
    return (['neutral', 'smiling'] as const).map((style) => ({
      name: t(`drills.warmup.style.${style}`),
      points: progress.warmup
        .filter((p) => p.style === style)
        .map((p) => [p.atMs, Math.round(field.pick(p) * 10) / 10]),
      ...(bands ? { band: bands[field.band].green } : {}),
    }));
  }, [progress, warmupMetric, bands, t]);

  if (!overview) return <Spin />;
  const warmupAxis: Record<WarmupMetric, string> = {
    pace: unit,
    pitch: t('drills.unit.semitones'),
    loudness: 'dB',
    pauses: 'ms',
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('drills.progress.title')}
        </Typography.Title>
        <Space wrap>
          {overview.classes.length > 1 ? (
            <Select
              style={{ minWidth: 180 }}
              value={overview.classId}
              onChange={(value: string) => {
                setClassId(value);
                setUserId(undefined);
              }}
              options={overview.classes.map((c) => ({ value: c.id, label: c.name }))}
            />
          ) : null}
          {manager ? (
            <Select
              style={{ minWidth: 180 }}
              value={userId}
              onChange={setUserId}
              placeholder={t('drills.progress.pickTrainee')}
              options={members.map((m) => ({ value: m.userId, label: m.displayName }))}
              data-testid="progress-trainee"
            />
          ) : null}
        </Space>
      </Space>

      {manager && currentClass ? (
        <ClassSettingsForm
          classId={currentClass}
          settings={overview.settings}
          onSaved={(settings) => setOverview({ ...overview, settings })}
        />
      ) : null}

      {progress ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('drills.progress.bestNet')}
                  value={progress.bests.netCharsPerMin === null ? '—' : perMin(progress.bests.netCharsPerMin)}
                  suffix={progress.bests.netCharsPerMin === null ? undefined : unit}
                  data-testid="best-net"
                />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('drills.progress.bestSpeed')}
                  value={progress.bests.charsPerMin === null ? '—' : perMin(progress.bests.charsPerMin)}
                  suffix={progress.bests.charsPerMin === null ? undefined : unit}
                />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('drills.progress.bestAccuracy')}
                  value={progress.bests.accuracy === null ? '—' : percent(progress.bests.accuracy)}
                />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('drills.progress.passed')}
                  value={`${progress.bests.passedCount} / ${progress.bests.typingAttempts}`}
                />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic title={t('drills.progress.readings')} value={progress.bests.warmupReadings} />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('drills.progress.baseline')}
                  value={t(
                    progress.hasVoiceBaseline ? 'drills.progress.baselineYes' : 'drills.progress.baselineNo',
                  )}
                />
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            title={t('drills.progress.typingTrend')}
            extra={
              <Segmented<TypingMetric>
                value={typingMetric}
                onChange={setTypingMetric}
                options={[
                  { value: 'net', label: t('drills.typing.netSpeed') },
                  { value: 'accuracy', label: t('drills.typing.accuracy') },
                  { value: 'speed', label: t('drills.typing.speed') },
                ]}
              />
            }
          >
            {progress.typing.length > 0 ? (
              <TrendChart
                series={typingSeries}
                axes={[typingMetric === 'accuracy' ? '%' : unit]}
                testId="typing-trend"
              />
            ) : (
              <Empty description={t('drills.progress.noTyping')} />
            )}
          </Card>

          <Card
            size="small"
            title={t('drills.progress.warmupTrend')}
            extra={
              <Segmented<WarmupMetric>
                value={warmupMetric}
                onChange={setWarmupMetric}
                options={(['pace', 'pitch', 'loudness', 'pauses'] as const).map((value) => ({
                  value,
                  label: t(`drills.progress.metric.${value}`),
                }))}
              />
            }
          >
            {progress.warmup.length > 0 ? (
              <>
                <TrendChart series={warmupSeries} axes={[warmupAxis[warmupMetric]]} testId="warmup-trend" />
                {bands ? <Tag color="success">{t('drills.progress.greenBand')}</Tag> : null}
              </>
            ) : (
              <Empty description={t('drills.progress.noWarmup')} />
            )}
          </Card>
        </>
      ) : manager ? (
        <Empty description={t('drills.progress.pickTrainee')} />
      ) : null}

      {board ? (
        <Leaderboard
          board={board}
          {...(manager
            ? {}
            : {
                showMe: overview.showOnLeaderboard,
                onShowMeChange: (show: boolean) => {
                  drillsApi
                    .setShowOnLeaderboard(show)
                    .then(() => {
                      setOverview({ ...overview, showOnLeaderboard: show });
                      if (currentClass) return drillsApi.leaderboard(currentClass).then(setBoard);
                    })
                    .catch(showError);
                },
              })}
        />
      ) : null}
    </Space>
  );
}
