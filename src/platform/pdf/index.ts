import fs from 'node:fs';

/** Font files we embed in documents; parsed once per process, not per letter. */
const CANDIDATES = {
  regular: [
    '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  ],
  bold: [
    '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
    '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  ],
};

export interface Fonts {
  regular: Buffer;
  bold: Buffer;
}

let cached: Fonts | null = null;

export function loadFonts(): Fonts {
  if (cached) return cached;
  const pick = (list: string[]) => {
    const found = list.find((file) => fs.existsSync(file));
    if (!found)
      throw new Error(
        `Tidak ada fon untuk PDF; pasang fonts-dejavu-core atau fonts-liberation2 (dicari: ${list.join(', ')})`,
      );
    return fs.readFileSync(found);
  };
  cached = { regular: pick(CANDIDATES.regular), bold: pick(CANDIDATES.bold) };
  return cached;
}
