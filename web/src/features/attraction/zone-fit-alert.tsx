import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { zoneFitSchema } from '../../../../contracts/attraction.ts';
import { api } from '../../app/api.ts';
import { useAsync } from '../../app/use-async.ts';

const ISSUE_TEXT: Record<string, [string, string]> = {
  'no-zone': ['未确定落户园区', 'No zone chosen yet'],
  'domain-mismatch': ['项目领域不是该园区的主导领域', 'The project’s domain is not one the zone is designated for'],
  'no-gmp': ['该园区没有 GMP 厂房', 'The zone has no GMP plant'],
  'no-hazardous': ['该园区不接纳危险化学品', 'The zone does not admit hazardous chemistry'],
  'no-lab-exhaust': ['该园区载体没有实验室排风', 'The zone’s carriers have no lab exhaust'],
  'area-shortage': ['没有单个载体的空置面积满足需求', 'No single carrier has the floor area vacant'],
  'no-needs': ['尚未填写空间需求', 'Space needs not stated yet'],
};

/** Zone fit and carrier capacity of a project (a warning before signing; it never blocks). */
export function ZoneFitAlert({ projectId }: { projectId: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { data } = useAsync((signal) => api.get(`/api/attraction/projects/${projectId}/zone-fit`, zoneFitSchema, { signal }).catch(() => null), [projectId]);
  if (!data || data.issues.length === 0) return null;
  const text = data.issues.map((i) => ISSUE_TEXT[i]?.[en ? 1 : 0] ?? i).join(en ? '; ' : '；');
  return <Alert type={data.ok ? 'info' : 'warning'} showIcon data-testid="zone-fit" style={{ marginBottom: 12 }} message={(en ? 'Zone fit: ' : '园区匹配：') + text} />;
}
