/**
 * Reading a file to index: whole, and only once it holds still (an editor
 * saving, a copy still arriving), so that a torn read never stores half of one
 * version. The run reads every new or changed file here, on its main thread,
 * ahead of the extraction workers (lookahead.ts).
 */
import { close, fstat, open, read } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { SettledRead } from './lookahead.js';

/** Reads attempted before a file that keeps changing is given up on (until its next change). */
const READ_ATTEMPTS = 3;

/**
 * Read a whole file and make sure it did not change meanwhile. Returns null
 * when it never held still. The walk's look at the file (`seen`) serves as
 * the first "before" and the open file's own stat as the "after": two fewer
 * calls a file, which a folder of small files feels.
 */
export async function readSettled(filePath: string, seen?: { size: number; mtimeMs: number }): Promise<SettledRead | null> {
  let before = seen;
  // A change since the walk costs one more attempt, without a pause: the walk was a while ago.
  const attempts = READ_ATTEMPTS + (seen ? 1 : 0);
  for (let attempt = 0; attempt < attempts; attempt++) {
    before ??= await stat(filePath);
    const read = await readOnce(filePath, before.size);
    if (before.size === read.size && before.mtimeMs === read.mtimeMs && read.data.length === read.size) return read;
    const paused = attempt + (seen ? 0 : 1); // pauses of 50, 100, 150 ms between reads of a changing file
    if (before !== seen) await new Promise((resolve) => setTimeout(resolve, 50 * paused));
    before = undefined;
  }
  return null;
}

/**
 * One read of the file with the size and time of the open file after it: open,
 * read, stat, close — four trips to the file system, through callbacks (the
 * promise API's file handles cost twice the main-thread time a small file).
 * The read expects `expected` bytes and stops at a short read: a file that
 * grew meanwhile then reads shorter than its size after, and is read again.
 */
function readOnce(filePath: string, expected: number): Promise<SettledRead> {
  return new Promise((resolve, reject) => {
    open(filePath, 'r', (openError, fd) => {
      if (openError) {
        reject(openError);
        return;
      }
      const finish = (error: Error | null, result?: SettledRead) => close(fd, (closeError) => (error ?? closeError ? reject(error ?? closeError) : resolve(result!)));
      // One byte more than expected: a file that grew shows it by filling the buffer.
      let buffer = Buffer.allocUnsafe(expected + 1);
      let got = 0;
      const readMore = () => {
        read(fd, buffer, got, buffer.length - got, got, (readError, bytes) => {
          if (readError) return finish(readError);
          got += bytes;
          if (bytes > 0 && got === buffer.length) {
            const bigger = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(bigger, 0, 0, got);
            buffer = bigger;
            return readMore();
          }
          fstat(fd, (statError, after) => (statError ? finish(statError) : finish(null, { data: buffer.subarray(0, got), size: after.size, mtimeMs: after.mtimeMs })));
        });
      };
      readMore();
    });
  });
}
