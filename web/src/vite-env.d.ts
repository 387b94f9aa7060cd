/// <reference types="vite/client" />

/** The Jinshan district outline, one GeoJSON feature (web/vite-plugins.ts). */
declare module 'virtual:jinshan-outline' {
  const outline: { type: 'FeatureCollection'; features: unknown[] };
  export default outline;
}
