// Test pictures, kept apart from src/testing.ts so that the browser tests can use them without the
// test runner and the database drivers that file pulls in.

/**
 * A photo as a phone camera takes it: 3000×2000 and grainy, so its JPEG is several megabytes;
 * with `gps`, its EXIF carries a position (which a stored copy must not keep).
 */
export async function phonePhoto(options: { quality: number; gps?: boolean }): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const image = sharp({
    create: {
      width: 3000,
      height: 2000,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  });
  const tagged = options.gps
    ? image.withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 7/1 0/1' } })
    : image;
  return tagged.jpeg({ quality: options.quality }).toBuffer();
}
