import sharp from 'sharp';

/** A real JPEG with EXIF: camera make and a GPS position in Kramatwatu (for tests). */
export async function jpegWithGps(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 110, b: 90 } } })
    .withExif({
      IFD0: { Make: 'SimpulCam', Model: 'Uji 1', Orientation: '1' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '6/1 4/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 5/1 1200/100',
      },
    })
    .jpeg()
    .toBuffer();
}
