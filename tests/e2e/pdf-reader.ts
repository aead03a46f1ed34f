import jsQR from 'jsqr';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reads a PDF as a person's tools would: its text, and any QR code in its images. */
export async function readPdf(bytes: Uint8Array): Promise<{ text: string; pages: number; qrCodes: string[] }> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isOffscreenCanvasSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  let text = '';
  const qrCodes: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
      const name = ops.argsArray[i][0] as string;
      const image = await new Promise<{ width: number; height: number; data: Uint8ClampedArray; kind: number }>((resolve) => page.objs.get(name, resolve));
      const decoded = jsQR(toRgba(image), image.width, image.height);
      if (decoded) qrCodes.push(decoded.data);
    }
  }
  await doc.destroy();
  return { text, pages: doc.numPages, qrCodes };
}

/** pdf.js image kinds: 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
function toRgba(image: { width: number; height: number; data: Uint8ClampedArray; kind: number }): Uint8ClampedArray {
  const { width, height, data, kind } = image;
  if (kind === 3) return data;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    let r: number, g: number, b: number;
    if (kind === 2) {
      r = data[p * 3];
      g = data[p * 3 + 1];
      b = data[p * 3 + 2];
    } else {
      const rowBytes = (width + 7) >> 3;
      const x = p % width,
        y = Math.floor(p / width);
      const bit = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
      r = g = b = bit ? 255 : 0;
    }
    out.set([r, g, b, 255], p * 4);
  }
  return out;
}
