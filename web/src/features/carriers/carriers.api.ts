import { carrierDetailSchema, carrierPageSchema, type CarrierInput, type OccupantInput } from '../../../../contracts/carriers.ts';
import { api, type Query } from '../../app/api.ts';

export const listCarriers = (query: Query, signal?: AbortSignal) => api.get('/api/carriers', carrierPageSchema, { query, ...(signal ? { signal } : {}) });
export const getCarrier = (id: string, signal?: AbortSignal) => api.get(`/api/carriers/${id}`, carrierDetailSchema, signal ? { signal } : {});
export const createCarrier = (body: CarrierInput) => api.post('/api/carriers', carrierDetailSchema, { body });
export const updateCarrier = (id: string, body: CarrierInput & { version: number }) => api.put(`/api/carriers/${id}`, carrierDetailSchema, { body });
export const addOccupant = (id: string, body: OccupantInput) => api.post(`/api/carriers/${id}/occupants`, carrierDetailSchema, { body });
export const moveOut = (id: string, occupantId: string, moveOutOn: string) =>
  api.put(`/api/carriers/${id}/occupants/${occupantId}`, carrierDetailSchema, { body: { moveOutOn } });
