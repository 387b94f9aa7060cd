import { Button, Card, Empty } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { planApi } from './plan.api.ts';
import { PlanCompareView } from './plan-compare-view.tsx';
import './plan.css';

/** 版本比较: /plan/compare?from=&to= */
export function PlanComparePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const compare = useAsync((signal) => (from && to ? planApi.compare(from, to, signal) : Promise.resolve(null)), [from, to]);
  const back = (
    <Link to="/plan?tab=versions">
      <Button icon={<ArrowLeftOutlined />}>{t('plan.compare.back')}</Button>
    </Link>
  );
  return (
    <>
      <PageHeader title={t('plan.compare.title')} extra={back} />
      <Card>
        {!from || !to ? (
          <Empty description={t('plan.versions.selectTwo')} />
        ) : compare.error ? (
          <LoadError error={compare.error} onRetry={compare.reload} />
        ) : compare.loading || !compare.data ? (
          <PageLoading />
        ) : (
          <PlanCompareView compare={compare.data} />
        )}
      </Card>
    </>
  );
}
