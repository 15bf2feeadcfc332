/**
 * AES-256-GCM envelope for secrets at rest.
 *
 * Format (text, so it stores the same in SQLite and PostgreSQL):
 *   v1.<keyId>.<iv b64url, 12 bytes>.<tag b64url, 16 bytes>.<ciphertext b64url>
 * The additional authenticated data binds the ciphertext to its table, column and row id (and the
 * version and key id), so a ciphertext copied to another row or column does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import type { Keyring } from './keyring.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a ciphertext lives; bound into the AAD. */
export interface SecretContext {
  table: string;
  column: string;
  rowId: string;
}

function aad(keyId: string, ctx: SecretContext): Buffer {
  return Buffer.from(`bifrost|${VERSION}|${keyId}|${ctx.table}|${ctx.column}|${ctx.rowId}`, 'utf8');
}

export function encryptSecret(keyring: Keyring, plaintext: string, ctx: SecretContext): string {
  const { id, key } = keyring.active();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(id, ctx));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, id, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

/** The key id an envelope was sealed with, or undefined when the value is not an envelope. */
export function envelopeKeyId(envelope: string): string | undefined {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

export function decryptSecret(keyring: Keyring, envelope: string, ctx: SecretContext): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) {
    throw new AppError('DECRYPT_FAILED', `stored secret in ${ctx.table}.${ctx.column} is not a v1 envelope`);
  }
  const [, keyId, ivText, tagText, ctText] = parts as [string, string, string, string, string];
  const key = keyring.get(keyId);
  if (!key) {
    throw new AppError('UNKNOWN_KEY_ID', `stored secret in ${ctx.table}.${ctx.column} uses key "${keyId}", which is not in the keyring`);
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  // GCM tag length is enforced explicitly: Node would otherwise accept truncated tags (DEP0182).
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new AppError('DECRYPT_FAILED', `stored secret in ${ctx.table}.${ctx.column} has a malformed IV or tag`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, ctx));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    // Opaque on purpose: the reason (wrong key, flipped bit, moved row) must not help an attacker.
    throw new AppError('DECRYPT_FAILED', `stored secret in ${ctx.table}.${ctx.column} failed authentication`, { cause });
  }
}
