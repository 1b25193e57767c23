// State of the open call-script file: the saved text and its version, the editor's draft,
// live diagnostics (debounced POST /validate, stale answers dropped) and saving. A refused
// save keeps the draft untouched and says why (422 diagnostics, or 409 someone else saved).
import type {
  CallScriptCheckDto,
  CallScriptFileDto,
  CallScriptSavedDto,
  ScriptDiagnosticDto,
} from '@callsim/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api/client.js';

/** Delay after the last keystroke before the draft is validated. */
export const VALIDATE_DEBOUNCE_MS = 500;

export interface OpenFile {
  readonly path: string;
  readonly savedText: string;
  /** Version of `savedText`; null for a file that does not exist yet. */
  readonly version: string | null;
}

export type SaveRefusal =
  | { kind: 'invalid'; diagnostics: ScriptDiagnosticDto[]; elsewhere: ScriptDiagnosticDto[] }
  | { kind: 'changed' };

export function useScriptEditor(showError: (error: unknown) => void) {
  const [file, setFile] = useState<OpenFile | null>(null);
  const [draft, setDraft] = useState('');
  const [check, setCheck] = useState<CallScriptCheckDto | null>(null);
  const [validating, setValidating] = useState(false);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<SaveRefusal | null>(null);
  /** The text `check` describes, so an unchanged draft is not validated again. */
  const checkedText = useRef<string | null>(null);
  const sequence = useRef(0);
  const dirty = file !== null && draft !== file.savedText;

  const show = useCallback((dto: CallScriptFileDto) => {
    setFile({ path: dto.path, savedText: dto.text, version: dto.version });
    setDraft(dto.text);
    setCheck(dto);
    checkedText.current = dto.text;
  }, []);

  const open = useCallback(
    async (path: string) => {
      setLoading(true);
      setRefusal(null);
      try {
        show(await api<CallScriptFileDto>(`/call-scripts/file?${new URLSearchParams({ path })}`));
      } catch (error) {
        showError(error);
      } finally {
        setLoading(false);
      }
    },
    [show, showError],
  );

  const startNew = useCallback((path: string, text: string) => {
    setFile({ path, savedText: '', version: null });
    setDraft(text);
    setCheck(null);
    setRefusal(null);
    checkedText.current = null;
  }, []);

  useEffect(() => {
    if (file === null || checkedText.current === draft) return;
    const path = file.path;
    const timer = setTimeout(() => {
      const mine = ++sequence.current;
      setValidating(true);
      api<CallScriptCheckDto>('/call-scripts/validate', { method: 'POST', json: { path, text: draft } })
        .then((result) => {
          if (mine !== sequence.current) return;
          setCheck(result);
          checkedText.current = draft;
        })
        .catch((error: unknown) => {
          if (mine === sequence.current) showError(error);
        })
        .finally(() => {
          if (mine === sequence.current) setValidating(false);
        });
    }, VALIDATE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [file, draft, showError]);

  /** Saves the draft; `overwrite` skips the check that nobody else saved meanwhile. */
  const save = useCallback(
    async (overwrite = false): Promise<CallScriptSavedDto | null> => {
      if (file === null) return null;
      setSaving(true);
      try {
        const saved = await api<CallScriptSavedDto>('/call-scripts/file', {
          method: 'PUT',
          json: {
            path: file.path,
            text: draft,
            ...(file.version !== null && !overwrite ? { baseVersion: file.version } : {}),
          },
        });
        sequence.current++; // a validation still in flight describes an older text
        setValidating(false);
        show(saved);
        setRefusal(null);
        return saved;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SCRIPT_INVALID') {
          const diagnostics = (error.details.diagnostics ?? []) as ScriptDiagnosticDto[];
          const elsewhere = (error.details.elsewhere ?? []) as ScriptDiagnosticDto[];
          setRefusal({ kind: 'invalid', diagnostics, elsewhere });
          setCheck((previous) => ({
            kind: previous?.kind ?? 'unknown',
            graph: previous?.graph ?? null,
            diagnostics,
            elsewhere,
          }));
          checkedText.current = draft;
        } else if (error instanceof ApiError && error.code === 'SCRIPT_CHANGED') {
          setRefusal({ kind: 'changed' });
        } else {
          showError(error);
        }
        return null;
      } finally {
        setSaving(false);
      }
    },
    [file, draft, show, showError],
  );

  return {
    file,
    draft,
    setDraft,
    check,
    validating,
    loading,
    saving,
    refusal,
    dirty,
    open,
    startNew,
    save,
    /** Shows a file the server saved by another route (a recorded clip). */
    applySaved: show,
    discard: () => file && setDraft(file.savedText),
    dismissRefusal: () => setRefusal(null),
    close: () => {
      setFile(null);
      setDraft('');
      setCheck(null);
      setRefusal(null);
      checkedText.current = null;
    },
  };
}
