export { reminders, type ReminderOptions } from './reminder-plugin.js';
export { sendDueReminders, MAIL_LEAD_SECONDS, SMS_LEAD_SECONDS, type ReminderCounts, type ReminderDeps } from './reminders.js';
export { secretSeal, type SecretSeal } from './secret-seal.js';
export { logSmsProvider, maskPhone, type SmsMessage, type SmsProvider } from './sms.js';
export { cancelPendingReminders } from './reminder-store.js';
