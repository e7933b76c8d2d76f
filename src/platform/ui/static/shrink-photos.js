// Shrinks a photo chosen in a request form before it is sent (long side 2000 px, JPEG 0.8), to
// spare the resident's data on a slow link. Without JavaScript, or where canvas or DataTransfer is
// missing, the original file is sent and the server shrinks it the same way.
(() => {
  const LONG_SIDE = 2000;
  const QUALITY = 0.8;
  const MIN_BYTES = 600 * 1024;
  if (typeof DataTransfer === 'undefined' || !HTMLCanvasElement.prototype.toBlob) return;

  async function shrink(file) {
    if (!/^image\/(jpeg|png)$/.test(file.type) || file.size < MIN_BYTES) return file;
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], file.name.replace(/\.[A-Za-z0-9]{1,5}$/, '') + '.jpg', { type: 'image/jpeg' });
  }

  for (const input of document.querySelectorAll('form.request-form input[type=file]')) {
    input.addEventListener('change', async () => {
      const file = input.files?.[0];
      if (!file) return;
      try {
        const smaller = await shrink(file);
        if (smaller === file) return;
        const transfer = new DataTransfer();
        transfer.items.add(smaller);
        input.files = transfer.files;
        input.dataset.shrunk = String(smaller.size);
      } catch {
        // the original goes; the server shrinks it
      }
    });
  }
})();
