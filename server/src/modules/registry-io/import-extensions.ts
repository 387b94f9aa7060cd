import { enterpriseScope, namesInScope } from '../enterprises/index.ts';
import type { BulkWriter } from './bulk-writer.ts';
import { carriersBulkWriter } from './carriers.bulk.ts';
import { enterprisesBulkWriter } from './enterprises.bulk.ts';
import { expertsBulkWriter } from './experts.bulk.ts';
import { platformsBulkWriter } from './platforms.bulk.ts';
import { projectsBulkWriter } from './projects.bulk.ts';
import type { IoContext } from './entity.ts';

/**
 * What an import can do beyond the RegistryEntity contract, per entity: write set-based (every registry entity
 * does; the per-row path in savepoints remains for an entity without a bulk writer, and as the reference the
 * bulk writers are tested against), and flag near-duplicate names among the stored records the caller may see
 * (warnings, not errors: two firms may legitimately have similar names).
 */
export interface ImportExtension {
  bulk?: BulkWriter<never>;
  nameCheck?: {
    /** Column key of the name and of the record's own key (excluded from its matches). */
    nameKey: string;
    storedNames(ctx: IoContext): Promise<{ name: string; uscc: string }[]>;
  };
}

const EXTENSIONS: Record<string, ImportExtension> = {
  enterprises: {
    bulk: enterprisesBulkWriter as BulkWriter<never>,
    nameCheck: {
      nameKey: 'name',
      // The read scope, as GET /api/enterprises/similar: nothing outside it is hinted at.
      storedNames: (ctx) => namesInScope(ctx.tx, enterpriseScope(ctx.caller.actor)),
    },
  },
  projects: { bulk: projectsBulkWriter as BulkWriter<never> },
  carriers: { bulk: carriersBulkWriter as BulkWriter<never> },
  platforms: { bulk: platformsBulkWriter as BulkWriter<never> },
  experts: { bulk: expertsBulkWriter as BulkWriter<never> },
};

export function importExtensionOf(entityName: string): ImportExtension {
  return EXTENSIONS[entityName] ?? {};
}
