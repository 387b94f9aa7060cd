import { Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MatchesPanel } from './matches-panel.tsx';
import { PostingsPanel } from './postings-panel.tsx';

/** 供需对接 (issue 14 §2): postings and the matches proposed from them; every list is scoped on the server. */
export function MatchmakingTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'postings' | 'matches'>(role === 'enterprise' ? 'postings' : 'matches');
  const [matchesVersion, setMatchesVersion] = useState(0);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented
        value={view}
        onChange={(v) => setView(v as 'postings' | 'matches')}
        options={[
          { value: 'postings', label: t('matchmaking.postings') },
          { value: 'matches', label: t('matchmaking.matches') },
        ]}
      />
      {view === 'postings' ? <PostingsPanel role={role} onProposed={() => setMatchesVersion((v) => v + 1)} /> : <MatchesPanel role={role} key={matchesVersion} />}
    </Space>
  );
}
