/**
 * A folder of many small files: two sentences each (about 300 bytes, one
 * passage), 100 to a sub-folder, every one with its own document number and
 * marker word `zqtep<n>` (n from 0).
 * The bad-input suite (test/bad-input-many.test.ts) and the indexing bench
 * (indexing.mjs, files/s and the unchanged re-run) index the same shape.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SENTENCES = [
  'Ủy ban nhân dân xã báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội tháng',
  'Phòng Nông nghiệp huyện hướng dẫn hợp tác xã ứng dụng công nghệ tưới tiết kiệm nước vụ',
  'Trường trung học cơ sở tổ chức hội thi sáng tạo khoa học kỹ thuật dành cho học sinh khối',
  'Trạm y tế phường triển khai sổ sức khỏe điện tử cho người dân trên địa bàn tổ dân phố',
];

/** Write `count` small files under `dir`; returns the milliseconds it took. */
export function makeSmallFiles(dir, count) {
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `nhom-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const s = SENTENCES[i % SENTENCES.length];
    const body = `Văn bản số ${i}/BC-UBND zqtep${i}\n\n${s} ${(i % 12) + 1}.\n\n${SENTENCES[(i + 1) % SENTENCES.length]} ${(i % 9) + 1}; kinh phí ${i * 7 + 13} triệu đồng.\n`;
    writeFileSync(path.join(folder, `van-ban-${String(i).padStart(5, '0')}.txt`), body);
  }
  return Date.now() - started;
}
