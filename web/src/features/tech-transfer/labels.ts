import type { TFunction } from 'i18next';

/** A reference row's name in the interface language. */
export const refName = (ref: { nameZh: string; nameEn: string } | null, isEnglish: boolean) => (ref ? (isEnglish ? ref.nameEn : ref.nameZh) : '—');

type Reason = { kind: string; enterpriseName?: string | undefined; relation?: string | undefined; party?: string | undefined; institution?: string | undefined };
/** Why an expert is not offered, in words (回避). */
export function exclusionText(t: TFunction, r: Reason): string {
  if (r.kind === 'declared-conflict') return t('techTransfer.reason_declared', { enterprise: r.enterpriseName, relation: r.relation, party: t(`techTransfer.party_${(r.party ?? 'owner') as 'owner' | 'challenger' | 'requester' | 'dealer'}`) });
  if (r.kind === 'same-institution') return t('techTransfer.reason_institution', { institution: r.institution });
  return t('techTransfer.reason_assigned');
}

export function matchReasonText(t: TFunction, r: { kind: string; detail?: string | undefined }): string {
  if (r.kind === 'keyword') return t('techTransfer.reason_keyword', { word: r.detail });
  return t(r.kind === 'same-node' ? 'techTransfer.reason_same_node' : 'techTransfer.reason_same_domain');
}

export const DOMAINS = ['biomedicine', 'biomaterials', 'bioagri-food', 'bioenergy-env'] as const;
type Stage = 'lead' | 'negotiating' | 'signed' | 'started' | 'completed' | 'producing' | 'full';
/** A project stage's label key (the projects registry's stage codes). */
export const stageKey = (stage: string) => `techTransfer.stage_${stage as Stage}` as const;
