import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const RELATION_COLOR: Record<string, string> = { 'same-node': 'green', upstream: 'blue', downstream: 'geekblue', 'text-only': 'default' };

/** Why a match is proposed: the chain relation and the shared terms. */
export function ReasonTags({ reason }: { reason: { relation: string; terms: string[] } }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      <Tag color={RELATION_COLOR[reason.relation]}>{t(`matchmaking.relation_${reason.relation.replaceAll('-', '_')}` as never)}</Tag>
      {reason.terms.map((term) => (
        <Tag key={term} bordered={false}>
          {term}
        </Tag>
      ))}
    </Space>
  );
}
