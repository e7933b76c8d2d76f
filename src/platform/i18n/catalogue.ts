import { readFileSync } from 'node:fs';

export type Messages = Record<string, string>;
export type MessageCatalogue = { id: Messages; en: Messages };

/**
 * Reads a module's texts from its JSON file, `{ "key": ["Indonesian", "English"] }`: each text in
 * both languages side by side so the two never drift apart. The file is found through `codePath`,
 * not beside `import.meta.url`: the compiled server is one bundle, every file's URL the bundle's.
 * Translators edit these files without touching code; a malformed entry stops the start with the
 * file and key named.
 */
export function readMessages(file: string | URL): MessageCatalogue {
  const entries: Record<string, unknown> = JSON.parse(readFileSync(file, 'utf8'));
  const catalogue: MessageCatalogue = { id: {}, en: {} };
  const where = file instanceof URL ? file.pathname : file;
  for (const [key, pair] of Object.entries(entries)) {
    if (!isTextPair(pair)) throw new Error(`${where}: "${key}" needs ["Indonesian", "English"]`);
    catalogue.id[key] = pair[0];
    catalogue.en[key] = pair[1];
  }
  return catalogue;
}

function isTextPair(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((text) => typeof text === 'string' && text !== '')
  );
}

/** Several catalogues as one; a later one's key wins. */
export function mergeMessages(...catalogues: MessageCatalogue[]): MessageCatalogue {
  return {
    id: Object.assign({}, ...catalogues.map((catalogue) => catalogue.id)),
    en: Object.assign({}, ...catalogues.map((catalogue) => catalogue.en)),
  };
}
