export * from './retention-rules.js';
export * from './purge.js';
export * from './retention-plugin.js';
