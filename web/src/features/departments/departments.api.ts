import { departmentPageSchema, departmentViewSchema, type DepartmentInput } from '../../../../contracts/departments.ts';
import { api, type Query } from '../../app/api.ts';

export const listDepartments = (query: Query, signal?: AbortSignal) => api.get('/api/departments', departmentPageSchema, { query, ...(signal ? { signal } : {}) });
export const loadDepartment = (id: string, signal?: AbortSignal) => api.get(`/api/departments/${id}`, departmentViewSchema, signal ? { signal } : {});
export const saveDepartment = (id: string | null, body: DepartmentInput & { version?: number }) =>
  id ? api.put(`/api/departments/${id}`, departmentViewSchema, { body }) : api.post('/api/departments', departmentViewSchema, { body });
