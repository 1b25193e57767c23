// Call scripts (话术脚本), for evaluators and admins: the files of call-scripts/ grouped
// by folder, a YAML editor with line numbers and live validation, save (refusals keep the
// draft and show why), earlier versions, and for scenarios the dialogue graph, where each
// customer line can be played (recorded clip or TTS) and recorded from the microphone.
import { HistoryOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import type { CallScriptFileSummaryDto, GraphTurnDto, LineAudioSavedDto } from '@callsim/protocol';
import { PREVIEW_LINE_MAX_CHARS } from '@callsim/protocol';
import { Alert, App, Badge, Button, Card, Col, Empty, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiErrorToast } from '../admin/use-api-error.js';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';
import { CodeEditor, type CodeEditorHandle } from './CodeEditor.js';
import { DialogueGraph } from './DialogueGraph.js';
import { FileList } from './FileList.js';
import { type Playback, playBlob } from './line-audio.js';
import { NewFileModal } from './NewFileModal.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { RecordLineModal } from './RecordLineModal.js';
import { previewLine, recordedLine } from './scripts-api.js';
import { useScriptEditor } from './use-script-editor.js';
import { VersionsDrawer } from './VersionsDrawer.js';

const EDITOR_HEIGHT_PX = 520;

export function ScriptsPage() {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const showError = useApiErrorToast();
  const editor = useScriptEditor(showError);
  const editorRef = useRef<CodeEditorHandle>(null);
  const [files, setFiles] = useState<CallScriptFileSummaryDto[]>([]);
  const [filesLoading, setFilesLoading] = useState(true);
  const [tab, setTab] = useState<'text' | 'graph'>('text');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [recording, setRecording] = useState<GraphTurnDto | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const playback = useRef<Playback | null>(null);
  const { file, check, dirty } = editor;

  const reloadFiles = useCallback(async () => {
    setFilesLoading(true);
    try {
      setFiles(await api<CallScriptFileSummaryDto[]>('/call-scripts'));
    } catch (error) {
      showError(error);
    } finally {
      setFilesLoading(false);
    }
  }, [showError]);
  useEffect(() => {
    void reloadFiles();
  }, [reloadFiles]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => () => playback.current?.stop(), []);

  /** Runs `action` now, or after the teacher agrees to drop unsaved edits. */
  function guard(action: () => void) {
    if (!dirty) return action();
    modal.confirm({
      title: t('scripts.unsaved.title'),
      content: t('scripts.unsaved.body'),
      okText: t('scripts.unsaved.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: action,
    });
  }

  function goToLine(line: number) {
    setTab('text');
    // The text tab may be hidden right now: jump once it is shown.
    setTimeout(() => editorRef.current?.goToLine(line), 30);
  }

  async function save(overwrite = false) {
    const saved = await editor.save(overwrite);
    if (saved) {
      void message.success(saved.created ? t('scripts.save.created') : t('scripts.save.saved'));
      void reloadFiles();
    }
  }

  async function playTurn(turn: GraphTurnDto) {
    playback.current?.stop();
    playback.current = null;
    if (playing === turn.id) {
      setPlaying(null);
      return;
    }
    if (!file) return;
    setPlaying(turn.id);
    try {
      let audio: Blob | null = null;
      if (turn.audioExists && file.version !== null)
        audio = await recordedLine(file.path, turn.id).catch(() => null);
      audio ??= await previewLine({
        text: turn.sayText.slice(0, PREVIEW_LINE_MAX_CHARS),
        locale: check?.graph?.locale ?? locale,
        ...(turn.voice ? { voice: turn.voice } : {}),
      });
      const started = playBlob(audio);
      playback.current = started;
      await started.ended;
    } catch (error) {
      showError(error);
    } finally {
      setPlaying((current) => (current === turn.id ? null : current));
    }
  }

  function onRecorded(saved: LineAudioSavedDto) {
    editor.applySaved(saved);
    setRecording(null);
    void message.success(t('scripts.record.saved', { clip: saved.audio }));
    void reloadFiles();
  }

  const diagnostics = check?.diagnostics ?? [];
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.length - errorCount;
  const graph = check?.kind === 'scenario' ? check.graph : null;
  const recordBlocked =
    file === null || file.version === null || dirty ? t('scripts.record.saveFirst') : null;

  const status = editor.validating ? (
    <Typography.Text type="secondary">
      <Spin size="small" /> {t('scripts.status.validating')}
    </Typography.Text>
  ) : errorCount > 0 ? (
    <Typography.Text type="danger" data-testid="script-status">
      {t('scripts.status.problems', { errors: errorCount, warnings: warningCount })}
    </Typography.Text>
  ) : (
    <Typography.Text type={warningCount > 0 ? 'warning' : 'success'} data-testid="script-status">
      {warningCount > 0 ? t('scripts.status.warnings', { warnings: warningCount }) : t('scripts.status.ok')}
    </Typography.Text>
  );

  const refusal = editor.refusal;
  const refusalAlert =
    refusal?.kind === 'invalid' ? (
      <Alert
        type="error"
        showIcon
        closable={{ onClose: editor.dismissRefusal }}
        data-testid="script-save-refused"
        title={t('scripts.save.refused', {
          count: [...refusal.diagnostics, ...refusal.elsewhere].filter((d) => d.severity === 'error').length,
        })}
        description={t('scripts.save.refusedHelp')}
      />
    ) : refusal?.kind === 'changed' ? (
      <Alert
        type="warning"
        showIcon
        title={t('scripts.save.changed')}
        description={t('scripts.save.changedHelp')}
        action={
          <Space orientation="vertical">
            <Button size="small" danger onClick={() => void save(true)}>
              {t('scripts.save.overwrite')}
            </Button>
            <Button size="small" onClick={() => file && guard(() => void editor.open(file.path))}>
              {t('scripts.save.reload')}
            </Button>
          </Space>
        }
      />
    ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('scripts.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xxl={5}>
          <Card
            size="small"
            title={t('scripts.files.title')}
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => guard(() => setCreating(true))}
                  data-testid="script-new"
                >
                  {t('scripts.new.button')}
                </Button>
                <Button
                  size="small"
                  icon={<ReloadOutlined />}
                  aria-label={t('scripts.files.reload')}
                  onClick={() => void reloadFiles()}
                />
              </Space>
            }
            styles={{ body: { padding: 4, maxHeight: '75vh', overflow: 'auto' } }}
          >
            <Spin spinning={filesLoading}>
              <FileList
                files={files}
                selected={file?.path ?? null}
                onSelect={(path) => path !== file?.path && guard(() => void editor.open(path))}
              />
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={17} xxl={19}>
          {file === null ? (
            <Card>
              <Empty description={t('scripts.pick')} />
            </Card>
          ) : (
            <Card
              size="small"
              loading={editor.loading}
              title={
                <Space size={8} wrap>
                  <Typography.Text code data-testid="script-path">
                    {file.path}
                  </Typography.Text>
                  {check ? <Tag>{t(`scripts.kind.${check.kind}`)}</Tag> : null}
                  {file.version === null ? <Tag color="blue">{t('scripts.newFile')}</Tag> : null}
                  {dirty ? <Tag color="orange">{t('scripts.unsaved.tag')}</Tag> : null}
                </Space>
              }
              extra={
                <Space size={4} wrap>
                  {status}
                  <Button
                    size="small"
                    icon={<UndoOutlined />}
                    disabled={!dirty}
                    onClick={() =>
                      modal.confirm({
                        title: t('scripts.discard.title'),
                        okText: t('scripts.unsaved.discard'),
                        okButtonProps: { danger: true },
                        cancelText: t('common.cancel'),
                        onOk: editor.discard,
                      })
                    }
                  >
                    {t('scripts.discard.button')}
                  </Button>
                  <Button
                    size="small"
                    icon={<HistoryOutlined />}
                    disabled={file.version === null}
                    onClick={() => setVersionsOpen(true)}
                    data-testid="script-versions"
                  >
                    {t('scripts.versions.button')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    icon={<SaveOutlined />}
                    loading={editor.saving}
                    disabled={!dirty && file.version !== null}
                    onClick={() => void save()}
                    data-testid="script-save"
                  >
                    {t('common.save')}
                  </Button>
                </Space>
              }
            >
              <Space orientation="vertical" style={{ width: '100%' }} size="small">
                {refusalAlert}
                <Tabs
                  activeKey={tab}
                  onChange={(key) => setTab(key === 'graph' ? 'graph' : 'text')}
                  items={[
                    {
                      key: 'text',
                      label: (
                        <Space size={6}>
                          {t('scripts.tab.text')}
                          <Badge count={errorCount} size="small" />
                        </Space>
                      ),
                      children: (
                        <Space orientation="vertical" style={{ width: '100%' }} size="small">
                          <CodeEditor
                            ref={editorRef}
                            value={editor.draft}
                            onChange={editor.setDraft}
                            problems={diagnostics}
                            onSave={() => void save()}
                            heightPx={EDITOR_HEIGHT_PX}
                            ariaLabel={t('scripts.editor.label', { path: file.path })}
                          />
                          <ProblemsPanel
                            diagnostics={diagnostics}
                            elsewhere={check?.elsewhere ?? []}
                            onGoToLine={goToLine}
                            onOpenFile={(path) => guard(() => void editor.open(path))}
                          />
                        </Space>
                      ),
                    },
                    {
                      key: 'graph',
                      disabled: check?.kind !== 'scenario',
                      label: t('scripts.tab.graph'),
                      children: graph ? (
                        <DialogueGraph
                          graph={graph}
                          onGoToLine={goToLine}
                          onPlay={(turn) => void playTurn(turn)}
                          onRecord={setRecording}
                          playingTurn={playing}
                          recordBlockedReason={recordBlocked}
                        />
                      ) : (
                        <Empty description={t('scripts.graph.unavailable')} />
                      ),
                    },
                  ]}
                />
              </Space>
            </Card>
          )}
        </Col>
      </Row>
      <VersionsDrawer
        path={file?.version ? file.path : null}
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        showError={showError}
        onRestore={(text) => {
          editor.setDraft(text);
          setVersionsOpen(false);
          setTab('text');
          void message.info(t('scripts.versions.restored'));
        }}
      />
      <NewFileModal
        open={creating}
        existingPaths={files.map((f) => f.path)}
        onCancel={() => setCreating(false)}
        onCreate={(path, text) => {
          setCreating(false);
          setTab('text');
          editor.startNew(path, text);
        }}
      />
      {file ? (
        <RecordLineModal
          path={file.path}
          turn={recording}
          onClose={() => setRecording(null)}
          onSaved={onRecorded}
        />
      ) : null}
    </Space>
  );
}
