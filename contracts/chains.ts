import { z } from 'zod';
import { msg, versionSchema } from './registry-common.ts';

export const CHAIN_STAGES = ['upstream', 'midstream', 'downstream'] as const;
export const chainStageSchema = z.enum(CHAIN_STAGES);
export const chainNodeKindSchema = z.enum(['manufacturing', 'service', 'mixed']);

export const chainNodeViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  stage: chainStageSchema,
  kind: chainNodeKindSchema,
  sortOrder: z.number().int(),
  /** Mapped enterprises / projects the caller may see (their scopes apply). */
  enterpriseCount: z.number().int(),
  projectCount: z.number().int(),
  version: z.number().int(),
});
export const chainTemplateViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  domain: z.object({ code: z.string(), name: z.string() }).nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  version: z.number().int(),
  nodes: z.array(chainNodeViewSchema),
});
export type ChainTemplateView = z.infer<typeof chainTemplateViewSchema>;
export const chainTemplateListSchema = z.object({ items: z.array(chainTemplateViewSchema) });

export const chainTemplateUpdateSchema = z.object({
  nameZh: z.string().trim().min(2).max(60),
  nameEn: z.string().trim().min(2).max(100),
  version: versionSchema,
});

const nodeFields = {
  nameZh: z.string().trim().min(2, msg('节点名称至少2个字', 'The name needs at least 2 characters')).max(40),
  nameEn: z.string().trim().min(2).max(80),
  stage: chainStageSchema,
  kind: chainNodeKindSchema.default('mixed'),
  sortOrder: z.number().int().min(0).max(999).optional(),
};
export const chainNodeInputSchema = z.object(nodeFields);
export const chainNodeUpdateSchema = z.object({ ...nodeFields, version: versionSchema });

export const chainNodeMembersSchema = z.object({
  node: chainNodeViewSchema,
  enterprises: z.array(z.object({ id: z.string(), name: z.string(), uscc: z.string(), isPrimary: z.boolean() })),
  projects: z.array(z.object({ id: z.string(), name: z.string(), code: z.string(), stage: z.string() })),
});
