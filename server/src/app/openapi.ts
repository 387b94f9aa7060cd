import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PERMISSIONS } from './permissions.ts';
import { declaredRoutes } from './route.ts';

/**
 * The OpenAPI document, generated from the same zod contracts the server validates with and the web app
 * uses. A committed copy (docs/openapi.json) makes contract changes visible in review.
 */
export function buildOpenApiDocument(app: FastifyInstance): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const routes = [...(declaredRoutes.get(app) ?? [])].sort((a, b) => (a.url + a.method).localeCompare(b.url + b.method));
  for (const route of routes) {
    const openApiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const access = route.access in PERMISSIONS ? `${route.access} (${(PERMISSIONS as Record<string, readonly string[]>)[route.access]!.join(', ')})` : route.access;
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      description: `Access: ${access}`,
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, schema]) => [
          status,
          { description: 'OK', content: { 'application/json': { schema: toJsonSchema(schema) } } },
        ]),
      ),
    };
    if (Object.keys(route.responses).length === 0) operation.responses = { default: { description: 'See summary' } };
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
      if (!schema) continue;
      const json = toJsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, propertySchema] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: propertySchema });
      }
    }
    if (parameters.length) operation.parameters = parameters;
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(route.body) } } };
    (paths[openApiPath] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: '金山区生物制造产业运行与服务平台 API', version: '0.1.0' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'biomfg_sid' } } },
    security: [{ session: [] }],
    paths,
  };
}

function toJsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return {};
  }
}
