export * from './types.js';
export * from './db.js';
export * from './migrate.js';
export * from './postgres.js';
export * from './unavailable.js';
export * from './listen-connection.js';
export * from './job-lease.js';
