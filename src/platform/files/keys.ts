// keys are relative paths of plain segments: no "..", no absolute path, no backslash
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function checkedKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.'))
    throw new Error(`invalid file key: ${JSON.stringify(key)}`);
  return key;
}

/** The key of stored bytes: their SHA-256, under a folder of its first two digits. */
export function storageKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}
