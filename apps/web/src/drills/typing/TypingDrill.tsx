// Listen-and-type (听打): pick customer speech (a scenario line, or the key facts of a call),
// set the speed, start; play it (within the class's replay limit) and type what you hear;
// submit to see speed, accuracy, net speed and the highlighted diff.
import {
  DRILL_SPEED_MAX,
  DRILL_SPEED_MIN,
  type DrillOverviewDto,
  KEY_FIELDS,
  type KeyField,
  type TypingAttemptStartedDto,
  type TypingMaterialDto,
  type TypingMode,
  type TypingResultDto,
} from '@callsim/protocol';
import { Button, Card, Form, Input, Segmented, Select, Slider, Space, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiErrorToast } from '../../admin/use-api-error.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { drillsApi } from '../drills-api.js';
import { TypingResult } from './TypingResult.js';
import { useDictation } from './use-dictation.js';

export function TypingDrill({ overview }: { overview: DrillOverviewDto }) {
  const { t } = useI18n();
  const showError = useApiErrorToast();
  const [params] = useSearchParams();
  const classId = overview.classId ?? undefined;
  const requested = params.get('material');
  const [mode, setMode] = useState<TypingMode>(requested?.startsWith('fields:') ? 'key-fields' : 'full');
  const [materials, setMaterials] = useState<TypingMaterialDto[] | null>(null);
  const [materialId, setMaterialId] = useState<string | null>(requested);
  const [speed, setSpeed] = useState(overview.settings.defaultSpeed);
  const [attempt, setAttempt] = useState<TypingAttemptStartedDto | null>(null);
  const [starting, setStarting] = useState(false);
  const [text, setText] = useState('');
  const [fields, setFields] = useState<Partial<Record<KeyField, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<TypingResultDto | null>(null);
  const dictation = useDictation(attempt, showError);

  useEffect(() => {
    setMaterials(null);
    drillsApi
      .materials(classId, mode)
      .then((list) => {
        setMaterials(list);
        setMaterialId((current) =>
          current && list.some((m) => m.id === current) ? current : (list[0]?.id ?? null),
        );
      })
      .catch(showError);
  }, [classId, mode, showError]);

  const options = useMemo(() => {
    const groups = new Map<
      string,
      { label: string; options: { value: string; label: ReactNode; search: string }[] }
    >();
    materials?.forEach((m) => {
      const group = groups.get(m.scenarioId) ?? { label: m.scenarioTitle, options: [] };
      const n = group.options.length + 1;
      const label =
        m.mode === 'key-fields' ? t('drills.typing.keyFieldsOf') : t('drills.typing.lineN', { n });
      group.options.push({
        value: m.id,
        search: `${m.scenarioTitle} ${label}`,
        label: (
          <span data-testid={`material-${m.id}`}>
            {m.scenarioTitle} · {label} · {t('drills.typing.chars', { n: m.chars })}
            {m.audio === 'clip' ? <Tag style={{ marginLeft: 8 }}>{t('drills.typing.clip')}</Tag> : null}
          </span>
        ),
      });
      groups.set(m.scenarioId, group);
    });
    return [...groups.values()];
  }, [materials, t]);

  const reset = useCallback(() => {
    setAttempt(null);
    setResult(null);
    setText('');
    setFields({});
  }, []);

  async function start() {
    if (!materialId) return;
    setStarting(true);
    reset();
    try {
      setAttempt(await drillsApi.startAttempt(materialId, speed, classId));
    } catch (error) {
      showError(error);
    } finally {
      setStarting(false);
    }
  }

  async function submit() {
    if (!attempt) return;
    setSubmitting(true);
    try {
      dictation.stop();
      setResult(await drillsApi.submit(attempt.attemptId, attempt.fields ? { fields } : { text }));
    } catch (error) {
      showError(error);
    } finally {
      setSubmitting(false);
    }
  }

  const active = attempt !== null && result === null;
  const outOfPlays = dictation.remaining !== null && dictation.remaining <= 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('drills.typing.intro', {
              speed: overview.settings.targetCharsPerMin,
              accuracy: Math.round(overview.settings.targetAccuracy * 100),
            })}
          </Typography.Text>
          <Space wrap align="center">
            <Segmented<TypingMode>
              value={mode}
              onChange={(value) => {
                setMode(value);
                setMaterialId(null);
                reset();
              }}
              disabled={active}
              options={[
                { value: 'full', label: t('drills.typing.modeFull') },
                { value: 'key-fields', label: t('drills.typing.modeKeyFields') },
              ]}
              data-testid="typing-mode"
            />
            <Select
              style={{ minWidth: 420 }}
              value={materialId}
              onChange={setMaterialId}
              options={options}
              loading={materials === null}
              disabled={active}
              showSearch={{ optionFilterProp: 'search' }}
              virtual={false}
              placeholder={t('drills.typing.pickMaterial')}
              data-testid="typing-material"
            />
          </Space>
          <Space wrap align="center">
            <Typography.Text>{t('drills.typing.speedLabel')}</Typography.Text>
            <Slider
              style={{ width: 200, marginInline: 16 }}
              min={DRILL_SPEED_MIN}
              max={DRILL_SPEED_MAX}
              step={0.1}
              value={speed}
              onChange={setSpeed}
              disabled={active}
              marks={{ 0.6: '0.6×', 0.8: '0.8×', 1: '1.0×' }}
              data-testid="typing-speed"
            />
            <Button
              type="primary"
              onClick={() => void start()}
              loading={starting}
              disabled={!materialId || active}
              data-testid="typing-start"
            >
              {t('drills.typing.start')}
            </Button>
            {attempt !== null && result !== null ? (
              <Button onClick={reset}>{t('drills.typing.next')}</Button>
            ) : null}
          </Space>
        </Space>
      </Card>

      {active ? (
        <Card size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap align="center">
              <Button
                onClick={() => void (dictation.playing ? dictation.stop() : dictation.play())}
                disabled={!dictation.ready || (outOfPlays && !dictation.playing)}
                loading={!dictation.ready}
                data-testid="typing-play"
              >
                {dictation.playing ? t('drills.typing.stopPlaying') : t('drills.typing.play')}
              </Button>
              <Typography.Text type="secondary" data-testid="typing-plays-left">
                {dictation.remaining === null
                  ? t('drills.typing.playsUnlimited', { used: dictation.playCount })
                  : t('drills.typing.playsLeft', { left: dictation.remaining, limit: attempt.replayLimit })}
              </Typography.Text>
              <Tag>{t('drills.typing.speedTag', { speed: attempt.speed.toFixed(1) })}</Tag>
            </Space>
            {attempt.fields ? (
              <Form layout="vertical" style={{ maxWidth: 560 }}>
                {KEY_FIELDS.map((id) => (
                  <Form.Item key={id} label={t(`drills.field.${id}`)} style={{ marginBottom: 12 }}>
                    <Input
                      value={fields[id] ?? ''}
                      onChange={(event) => setFields((current) => ({ ...current, [id]: event.target.value }))}
                      data-testid={`typing-field-${id}`}
                    />
                  </Form.Item>
                ))}
              </Form>
            ) : (
              <Input.TextArea
                value={text}
                onChange={(event) => setText(event.target.value)}
                autoSize={{ minRows: 4, maxRows: 10 }}
                placeholder={t('drills.typing.typeHere')}
                style={{ fontSize: 18 }}
                data-testid="typing-input"
              />
            )}
            <Button
              type="primary"
              onClick={() => void submit()}
              loading={submitting}
              data-testid="typing-submit"
            >
              {t('drills.typing.submit')}
            </Button>
          </Space>
        </Card>
      ) : null}

      {result ? <TypingResult result={result} /> : null}
    </Space>
  );
}
