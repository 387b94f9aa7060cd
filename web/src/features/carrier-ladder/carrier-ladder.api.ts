import { ladderSchema, moveListSchema, vacancySeriesSchema, type MoveInput } from '../../../../contracts/carrier-ladder.ts';
import { api, type Query } from '../../app/api.ts';

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});
export const getLadder = (query: Query, signal?: AbortSignal) => api.get('/api/carrier-ladder', ladderSchema, { query, ...withSignal(signal) });
export const listMoves = (query: Query, signal?: AbortSignal) => api.get('/api/carrier-ladder/moves', moveListSchema, { query, ...withSignal(signal) });
export const recordMove = (body: MoveInput) => api.post('/api/carrier-ladder/moves', moveListSchema, { body });
export const renewLease = (tenancyId: string, leaseEndOn: string) => api.put(`/api/carrier-ladder/tenancies/${tenancyId}/lease`, moveListSchema, { body: { leaseEndOn } });
export const getVacancy = (carrierId: string, query: Query, signal?: AbortSignal) => api.get(`/api/carrier-ladder/carriers/${carrierId}/vacancy`, vacancySeriesSchema, { query, ...withSignal(signal) });
