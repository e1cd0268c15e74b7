/**
 * The multilingual-e5-small stand-in (scripts/make-e5-standin.py) that the
 * benchmark measures embedding cost with: a reduced 2-layer, 20,000-row build
 * of the same builder must load and embed through the product's own code.
 * The full-size build (~590 MB) is never made here (bench/lib/embed-e5.mjs).
 * Also: a model loaded in a worker thread first must not stop the main thread
 * from loading one later in the same process (it used to kill the process).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importModel } from '../indexer/embed/models.js';
import { loadVectorModel } from '../indexer/embed/transformers.js';
import { ROOT, tempDir } from './helpers.js';

/** A Python with numpy and onnx (Debian: python3-onnx, python3-numpy); pyenv shims may hide Debian's. */
function pythonWithOnnx(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import onnx, numpy'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return null;
}

describe('e5 stand-in', () => {
  const work = tempDir('e5-standin');
  afterAll(() => work.cleanup());
  const python = pythonWithOnnx();

  it.skipIf(!python)('builds a BERT folder of e5-small\'s shape that the product imports, verifies and embeds with', async () => {
    const out = path.join(work.dir, 'made');
    execFileSync(python!, [path.join(ROOT, 'scripts/make-e5-standin.py'), '--out', out, '--layers', '2', '--vocab', '20000'], { stdio: 'pipe' });
    const folder = path.join(out, 'kho', 'multilingual-e5-small-standin');
    const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: 384, num_attention_heads: 12, intermediate_size: 1536, max_position_embeddings: 512, num_hidden_layers: 2, vocab_size: 20000 });

    // Import verifies by loading (model_quantized.onnx, as for the real download) and embedding a sentence.
    const models = path.join(work.dir, 'models');
    const manifest = await importModel(models, folder);
    expect(manifest).toMatchObject({ id: 'kho/multilingual-e5-small-standin', dims: 384, queryPrefix: 'query: ', passagePrefix: 'passage: ' });

    const model = await loadVectorModel(models, manifest.id);
    try {
      const [a, b] = await model.embed(['passage: Điều 5. Quyền và nghĩa vụ của tổ chức, cá nhân', 'query: thủ tục cấp giấy phép']);
      for (const v of [a!, b!]) {
        expect(v.length).toBe(384);
        expect(Math.hypot(...v)).toBeCloseTo(1, 4);
      }
    } finally {
      await model.dispose();
    }

    // The tokenizer keeps common syllables whole, as XLM-R's does: one piece per syllable here.
    const { AutoTokenizer, env } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = models + path.sep;
    const tokenizer = await AutoTokenizer.from_pretrained(manifest.id, { local_files_only: true });
    expect(tokenizer.encode('Hà Nội là thủ đô của Việt Nam.')).toHaveLength(8 + 1 + 2); // syllables, ".", <s> </s>
  });

  it('loads a model in the main thread after a worker thread has loaded one', () => {
    // A process of its own: the failure was an uncatchable exit ("Module did not self-register").
    const script = `
      const { openEmbedder } = await import(${JSON.stringify(path.join(ROOT, 'dist/indexer/embed/embedder.js'))});
      const manifest = { id: 'kho/test-tiny', dims: 64, queryPrefix: '', passagePrefix: '', verifiedAt: '' };
      const models = ${JSON.stringify(path.join(ROOT, 'test-model'))};
      const inWorker = await openEmbedder(models, manifest, { worker: true });
      await inWorker.embedPassages(['một']);
      await inWorker.close();
      const inProcess = await openEmbedder(models, manifest, {});
      console.log('dims', (await inProcess.embedQuery('hai')).length);
      await inProcess.close();`;
    const file = path.join(work.dir, 'worker-then-main.mjs'); // a file: a worker inherits --input-type and would refuse its own
    writeFileSync(file, script);
    const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).not.toContain('did not self-register');
    expect(r.stdout).toContain('dims 64');
    expect(r.status).toBe(0);
  });
});
