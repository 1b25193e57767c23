// React state of the optional Twilio phone line: whether the server offers it, the
// browser line (Device) and its call, and the phone-in practice code.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  createPracticeCode,
  fetchTelephonyStatus,
  type PracticeCode,
  TELEPHONY_OFF,
  type TelephonyStatus,
} from './telephony-api.js';
import { type LineCallState, type LineState, type LineTarget, TwilioLine } from './twilio-line.js';

export interface TwilioLineState {
  status: TelephonyStatus;
  line: LineState;
  lineError: string | null;
  call: LineCallState;
  muted: boolean;
  code: PracticeCode | null;
  codeError: string | null;
}

export function useTwilioLine() {
  const [state, setState] = useState<TwilioLineState>({
    status: TELEPHONY_OFF,
    line: 'off',
    lineError: null,
    call: 'idle',
    muted: false,
    code: null,
    codeError: null,
  });
  const lineRef = useRef<TwilioLine | null>(null);

  useEffect(() => {
    let active = true;
    fetchTelephonyStatus()
      .then((status) => active && setState((s) => ({ ...s, status })))
      .catch(() => undefined);
    return () => {
      active = false;
      lineRef.current?.disable();
      lineRef.current = null;
    };
  }, []);

  const setLine = useCallback((on: boolean) => {
    if (!on) {
      lineRef.current?.disable();
      lineRef.current = null;
      return;
    }
    const line = new TwilioLine({
      state: (next, error) => setState((s) => ({ ...s, line: next, lineError: error ?? null })),
      call: (call) => setState((s) => ({ ...s, call, muted: call === 'idle' ? false : s.muted })),
    });
    lineRef.current = line;
    void line.enable();
  }, []);

  const connect = useCallback((target: LineTarget) => void lineRef.current?.connect(target), []);
  const hangUp = useCallback(() => lineRef.current?.hangUp(), []);
  const mute = useCallback((on: boolean) => {
    lineRef.current?.mute(on);
    setState((s) => ({ ...s, muted: on }));
  }, []);

  const requestCode = useCallback((scenarioId: string, mode: 'practice' | 'exam') => {
    createPracticeCode(scenarioId, mode)
      .then((code) => setState((s) => ({ ...s, code, codeError: null })))
      .catch((error: unknown) =>
        setState((s) => ({ ...s, codeError: error instanceof ApiError ? error.code : 'INTERNAL' })),
      );
  }, []);

  return { state, setLine, connect, hangUp, mute, requestCode };
}
