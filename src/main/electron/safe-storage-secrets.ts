/**
 * The desktop app's SecretStore: secrets.json as headless keeps it (mode 0600), each secret encrypted
 * with Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux).
 * Call after the app is ready. The synchronous calls are deprecated in favour of async ones, but the
 * config is loaded and saved synchronously; they still work in Electron 45.
 */
import { join } from 'node:path'
import { safeStorage } from 'electron'
import {
  FileSecretStore,
  PLAIN_CODEC,
  SECRETS_FILE,
  type SecretCodec,
  type SecretStore,
} from '../store/secrets'

const SAFE_STORAGE_CODEC: SecretCodec = {
  name: 'electron-safeStorage',
  encode: (secret) => safeStorage.encryptString(secret).toString('base64'),
  decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
}

export function safeStorageSecrets(dataDir: string, warn: (message: string) => void): SecretStore {
  const path = join(dataDir, SECRETS_FILE)
  if (!safeStorage.isEncryptionAvailable()) {
    warn(`no OS keychain for safeStorage: passwords are kept unencrypted in ${path} (readable only by you)`)
    return new FileSecretStore(path, PLAIN_CODEC, warn)
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    warn('no keyring found (libsecret or KWallet): safeStorage encrypts secrets with a built-in key')
  }
  return new FileSecretStore(path, SAFE_STORAGE_CODEC, warn)
}
