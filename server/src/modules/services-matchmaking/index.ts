/**
 * Supply–demand matchmaking 供需对接 (issue 14 §2). Other features use these entry points only.
 *
 * `localSupplyRatios` feeds the chain map's `localSupply` strength component.
 */
import { auditActionsNamed, defineFeature, permissionsNamed } from '../../app/feature.ts';
import type { Db } from '../../db/client.ts';
import { localSupplyByNode } from '../../domain/matchmaking/local-supply.ts';
import { unsafeSupplyDeclarations } from './matchmaking.repository.ts';
import { registerMatchmakingRoutes } from './matchmaking.routes.ts';

/**
 * Per chain node id: the share of the node's downstream enterprises' declared suppliers that are local
 * (docs/decisions/0027). A node with no declared supplier is absent (the chain map then drops the component
 * and renormalises the others). District-wide: ratios only, no enterprise is named.
 */
export async function localSupplyRatios(db: Db): Promise<Map<string, number>> {
  const byNode = localSupplyByNode(await unsafeSupplyDeclarations(db));
  return new Map([...byNode].map(([nodeId, s]) => [nodeId, s.ratio]));
}

// The feature's manifest, listed once in app/feature-routes.ts (docs/ARCHITECTURE.md, "Adding a feature").
export const servicesMatchmakingFeature = defineFeature({
  name: 'services-matchmaking',
  routes: registerMatchmakingRoutes,
  permissions: permissionsNamed('matchmaking'),
  auditActions: auditActionsNamed('supply-posting', 'supply-match'),
});
