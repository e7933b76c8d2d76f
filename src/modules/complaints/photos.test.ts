import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, PhotoRejected, processPhoto, sniffImage } from './photos.ts';

import { jpegWithGps } from './test-photos.ts';

describe('photo processing', () => {
  it('the test photo really carries EXIF with GPS before processing', async () => {
    const input = await jpegWithGps();
    const meta = await sharp(input).metadata();
    expect(meta.exif).toBeDefined();
    expect(input.includes(Buffer.from('SimpulCam'))).toBe(true);
  });

  it('strips EXIF, GPS included, and shrinks a large photo to at most 1600 px', async () => {
    const output = await processPhoto(await jpegWithGps());
    const meta = await sharp(output.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(output.bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(output.bytes.includes(Buffer.from('SimpulCam'))).toBe(false);
    expect(Math.max(output.width, output.height)).toBe(1600);
    expect((await sharp(output.thumbnail).metadata()).width).toBe(400);
  });

  it('decides the type by the bytes: a text file named .jpg is refused', async () => {
    expect(sniffImage(Buffer.from('hello, not an image'))).toBeNull();
    await expect(processPhoto(Buffer.from('GIF89a fake'))).rejects.toBeInstanceOf(PhotoRejected);
  });

  it('recognises PNG and WebP by their signatures and re-encodes them as JPEG', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#3366ff80' } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#00aa00' } })
      .webp()
      .toBuffer();
    expect(sniffImage(png)).toBe('png');
    expect(sniffImage(webp)).toBe('webp');
    expect(sniffImage((await processPhoto(png)).bytes)).toBe('jpeg');
  });

  it('refuses a file over the size limit before decoding it', async () => {
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0);
    big[0] = 0xff;
    big[1] = 0xd8;
    big[2] = 0xff;
    await expect(processPhoto(big)).rejects.toThrow('5 MB');
  });

  it('refuses a truncated JPEG with a readable message', async () => {
    const broken = (await jpegWithGps(200, 200)).subarray(0, 300);
    await expect(processPhoto(broken)).rejects.toBeInstanceOf(PhotoRejected);
  });
});
