// A page whose feature is not released yet: says what will be here, in the UI language.
import { Result } from 'antd';
import { useI18n } from '../i18n/use-i18n.js';
import type { MessageKey } from '../i18n/zh-CN.js';

export function PlannedPage({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return <Result status="info" title={t(title)} subTitle={t('common.comingSoon')} />;
}
