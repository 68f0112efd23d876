import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretSeal, type SecretSeal } from '../reminders/secret-seal.js';

const IV = 12;
const TAG = 16;

/** A file's content encrypted with its own key, and that key sealed with the server's. */
export interface EncryptedDocument {
  /** The key, sealed (`v1.<iv>.<tag>.<ciphertext>`): stored beside the document's row. */
  sealedKey: string;
  /** Each part as `iv ‖ tag ‖ ciphertext` (AES-256-GCM). */
  parts: Record<string, Buffer>;
}

/**
 * Encryption at rest of documents (issue 15): every file gets a random AES-256-GCM key, and only
 * that key is sealed with the server's key (HKDF from `BALIE_DOCUMENT_KEY`, else from the LiveKit
 * API secret). A copy of the database alone opens no document; clearing the sealed key (the
 * retention purge does) makes the content unreadable even where a copy of it survived.
 */
export interface DocumentCrypto {
  encrypt(parts: Record<string, Buffer>): EncryptedDocument;
  /** The part's bytes; throws when the key or the content was altered or sealed with another key. */
  decrypt(sealedKey: string, sealed: Buffer): Buffer;
}

export function documentCrypto(serverKey: string): DocumentCrypto {
  const seal: SecretSeal = secretSeal(serverKey, 'call-document-key');
  return {
    encrypt(parts) {
      const key = randomBytes(32);
      const encrypted = Object.fromEntries(Object.entries(parts).map(([name, bytes]) => [name, encryptPart(key, bytes)]));
      return { sealedKey: seal.seal(key.toString('base64url')), parts: encrypted };
    },
    decrypt(sealedKey, sealed) {
      const key = seal.open(sealedKey);
      if (!key) throw new Error('balie-documents: the document key was sealed with another server key, or altered');
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), sealed.subarray(0, IV));
      decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
      return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
    },
  };
}

function encryptPart(key: Buffer, bytes: Buffer): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]);
}
