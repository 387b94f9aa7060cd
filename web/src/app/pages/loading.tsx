import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullScreen ? 'page-loading page-loading--full' : 'page-loading'} role="status">
      <Spin tip={t('common.loading')} size="large">
        <div className="page-loading__spacer" />
      </Spin>
    </div>
  );
}
