// Shows an API failure as a toast in the UI language.
import { App } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';

export function useApiErrorToast(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t, errorText } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code !== 'NETWORK')
        void message.error(errorText(error.code, error.details));
      else void message.error(t('common.networkError'));
    },
    [message, t, errorText],
  );
}
