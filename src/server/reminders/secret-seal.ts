import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Seals a manage secret for the reminders, and opens it again when one is due. */
export interface SecretSeal {
  seal(secret: string): string;
  /** The secret, or `undefined` when it was sealed with another key (or tampered with). */
  open(sealed: string): string | undefined;
}

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from a secret only the server holds. A reminder
 * goes out days after the booking, when the manage secret is long gone from memory; the store
 * must keep it to put the manage link in the reminder, and keeps it sealed: a copy of the table
 * opens no appointment. `v1.<iv>.<tag>.<ciphertext>`, base64url. `purpose` keeps keys for different
 * uses apart (HKDF's info).
 */
export function secretSeal(serverSecret: string, purpose = 'booking-reminder-secret'): SecretSeal {
  const key = Buffer.from(hkdfSync('sha256', serverSecret, 'digitale-balie', purpose, 32));
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !data) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return undefined; // another key (rotated) or altered: the reminder goes without the link
      }
    },
  };
}
