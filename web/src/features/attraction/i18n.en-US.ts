import type { attractionZhCN } from './i18n.zh-CN.ts';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** English strings of chain-based attraction (same keys as i18n.zh-CN.ts). */
export const attractionEnUS: DeepStrings<typeof attractionZhCN> = {
  targets: 'Investment targets',
  candidate: 'Candidate',
  fit: 'Fit',
  fitInputs: 'Fit = Σ weight × score / Σ weight',
  city: 'Location',
  size: 'Size',
  status: 'Status',
  owner: 'Attraction owner',
  assignToPark: 'Assign to the park',
  assignToCommission: 'Commission team follows up',
  assigned: 'Assigned',
  nextStep: 'Next step',
  statuses: { open: 'In progress', converted: 'Converted to a project', dropped: 'Dropped' },
  owners: { commission: 'Commission team', zone: 'Park', department: 'Department' },
  components: { gap: 'Node gap', nodeMatch: 'Node match', scale: 'Company size', zoneDomain: 'Zone’s designated domain', vacancy: 'Vacant carrier area' },
  sizes: { leader: 'Leader', large: 'Large', medium: 'Medium', small: 'Small' },
  none: 'No candidates for this node yet',
  fitZone: 'Fit for zone: {{zone}}',
};
