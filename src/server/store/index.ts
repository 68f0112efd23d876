export * from './db.js';
export * from './migrate.js';
export * from './tickets.js';
export * from './employee-sessions.js';
export * from './feedback.js';
