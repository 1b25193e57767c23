// One button that flips the UI between 中文 and English (and saves it on the account).
import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/use-i18n.js';

export function LanguageSwitch({ saveToAccount = false }: { saveToAccount?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="language-switch"
      onClick={() => {
        const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
        setLocale(next);
        if (saveToAccount)
          void api('/auth/locale', { method: 'PUT', json: { locale: next } }).catch(() => undefined);
      }}
    >
      {t('lang.switch')}
    </Button>
  );
}
