// The YAML text editor: an antd TextArea with a line-number gutter and coloured bands on
// lines that have problems (error red, warning amber; hover shows the message). Tab
// inserts two spaces (YAML never takes tabs); Ctrl/⌘+S saves; goToLine() selects a line.
import { type GetRef, Input } from 'antd';
import { type KeyboardEvent, type Ref, useImperativeHandle, useMemo, useRef, useState } from 'react';

const LINE_HEIGHT_PX = 20;
const PADDING_PX = 8;
const FONT = '13px/20px ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

export interface EditorProblem {
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface CodeEditorHandle {
  /** Scrolls to `line` (1-based), selects it and focuses the editor. */
  goToLine(line: number): void;
}

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  problems: readonly EditorProblem[];
  onSave?: () => void;
  heightPx: number;
  readOnly?: boolean;
  ariaLabel: string;
  ref?: Ref<CodeEditorHandle>;
}

export function CodeEditor({
  value,
  onChange,
  problems,
  onSave,
  heightPx,
  readOnly,
  ariaLabel,
  ref,
}: CodeEditorProps) {
  const textAreaRef = useRef<GetRef<typeof Input.TextArea>>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const lineCount = useMemo(() => value.split('\n').length, [value]);
  const byLine = useMemo(() => {
    const map = new Map<number, EditorProblem[]>();
    for (const p of problems) map.set(p.line, [...(map.get(p.line) ?? []), p]);
    return map;
  }, [problems]);
  const element = () => textAreaRef.current?.resizableTextArea?.textArea ?? null;

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const area = element();
      if (!area) return;
      const lines = area.value.split('\n');
      const target = Math.min(Math.max(1, line), lines.length);
      let start = 0;
      for (let i = 0; i < target - 1; i++) start += (lines[i]?.length ?? 0) + 1;
      area.focus();
      area.setSelectionRange(start, start + (lines[target - 1]?.length ?? 0));
      area.scrollTop = Math.max(0, (target - 1) * LINE_HEIGHT_PX - area.clientHeight / 3);
      setScrollTop(area.scrollTop);
    },
  }));

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      onSave?.();
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || readOnly) return;
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart, selectionEnd } = area;
    onChange(`${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`);
    requestAnimationFrame(() => element()?.setSelectionRange(selectionStart + 2, selectionStart + 2));
  }

  const severityOf = (line: number) =>
    byLine.get(line)?.some((p) => p.severity === 'error') ? 'error' : byLine.has(line) ? 'warning' : null;
  const bandColor = { error: 'rgba(255, 77, 79, 0.14)', warning: 'rgba(250, 173, 20, 0.16)' } as const;
  const numberColor = { error: '#cf1322', warning: '#d48806' } as const;

  return (
    <div
      style={{
        display: 'flex',
        height: heightPx,
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        overflow: 'hidden',
        background: readOnly ? '#fafafa' : '#fff',
      }}
    >
      <div
        aria-hidden
        style={{
          width: 52,
          flex: 'none',
          overflow: 'hidden',
          background: '#fafafa',
          borderRight: '1px solid #f0f0f0',
          font: FONT,
          color: '#8c8c8c',
          textAlign: 'right',
          userSelect: 'none',
        }}
      >
        <div style={{ transform: `translateY(${-scrollTop}px)`, padding: `${PADDING_PX}px 8px` }}>
          {Array.from({ length: lineCount }, (_, i) => {
            const line = i + 1;
            const severity = severityOf(line);
            return (
              <div
                key={line}
                title={byLine
                  .get(line)
                  ?.map((p) => p.message)
                  .join('\n')}
                style={{
                  height: LINE_HEIGHT_PX,
                  color: severity ? numberColor[severity] : undefined,
                  fontWeight: severity ? 600 : undefined,
                }}
              >
                {severity ? '● ' : ''}
                {line}
              </div>
            );
          })}
        </div>
      </div>
      <div style={{ position: 'relative', flex: 1, minWidth: 0 }}>
        <div
          aria-hidden
          style={{ position: 'absolute', inset: 0, overflow: 'hidden', pointerEvents: 'none' }}
        >
          {[...byLine.keys()].map((line) => {
            const severity = severityOf(line);
            return severity ? (
              <div
                key={line}
                style={{
                  position: 'absolute',
                  left: 0,
                  right: 0,
                  top: PADDING_PX + (line - 1) * LINE_HEIGHT_PX - scrollTop,
                  height: LINE_HEIGHT_PX,
                  background: bandColor[severity],
                }}
              />
            ) : null;
          })}
        </div>
        <Input.TextArea
          ref={textAreaRef}
          aria-label={ariaLabel}
          data-testid="script-editor"
          value={value}
          readOnly={readOnly}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoCorrect="off"
          autoCapitalize="off"
          wrap="off"
          variant="borderless"
          style={{
            position: 'relative',
            height: '100%',
            resize: 'none',
            font: FONT,
            padding: PADDING_PX,
            background: 'transparent',
            whiteSpace: 'pre',
            overflow: 'auto',
            tabSize: 2,
          }}
        />
      </div>
    </div>
  );
}
