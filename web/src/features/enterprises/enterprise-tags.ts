import { useTranslation } from 'react-i18next';

/** Enterprise tags the UI knows a label for; any other tag is shown as stored. */
const KNOWN_TAGS = {
  leader: 'leader',
  'chain-leader': 'chainLeader',
  specialized: 'specialized',
  'high-tech': 'highTech',
} as const;

function isKnownTag(tag: string): tag is keyof typeof KNOWN_TAGS {
  return Object.hasOwn(KNOWN_TAGS, tag);
}

export function useTagLabel(): (tag: string) => string {
  const { t } = useTranslation();
  return (tag) => (isKnownTag(tag) ? t(`enterprises.tagLabels.${KNOWN_TAGS[tag]}`) : tag);
}
