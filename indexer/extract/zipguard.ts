/**
 * Reads a zip's central directory (without inflating anything) so that a zip
 * bomb — a small DOCX/XLSX/PPTX/ODT that would expand to gigabytes — is refused
 * with a named reason before any parser touches it. The limits: limits.ts.
 */
import { MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_MIN_BYTES } from './limits.js';
import { ExtractionError } from './types.js';

export function checkZipBomb(data: Uint8Array): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return; // not a zip we can read: the parser will name that
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries && offset + 46 <= data.length; n++) {
    if (view.getUint32(offset, true) !== 0x02014b50) return;
    const compressed = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    total += size;
    const mb = Math.round(size / (1024 * 1024));
    if (size > MAX_UNZIPPED_BYTES || (compressed > 0 && size / compressed > MAX_ZIP_RATIO && size > ZIP_RATIO_MIN_BYTES)) {
      throw new ExtractionError('too-large', `the file is a zip bomb: one part would expand to ${mb} MB; not unpacked`, { code: 'failure.expandsTooMuch', params: { limitMb: null } });
    }
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  if (total > MAX_UNZIPPED_BYTES) {
    throw new ExtractionError('too-large', `the file would expand to ${Math.round(total / (1024 * 1024))} MB (over ${MAX_UNZIPPED_BYTES / (1024 * 1024)} MB); not unpacked`, {
      code: 'failure.expandsTooMuch',
      params: { limitMb: MAX_UNZIPPED_BYTES / (1024 * 1024) },
    });
  }
}
