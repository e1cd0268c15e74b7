/**
 * Entry point of every measured child process:
 *   node bench/lib/child.mjs <role> '<json args>'
 * prints one `RESULT {json}` line.
 */
import { emit } from './util.mjs';

const ROLES = {
  'quality-ours': async (a) => (await import('./quality.mjs')).childOurs(a),
  'quality-lance': async (a) => (await import('./quality.mjs')).childLanceDefault(a),
  'quality-vector': async (a) => (await import('./quality-vector.mjs')).childVectorQuality(a),
  'scale-build': async (a) => (await import('./scale-children.mjs')).build(a),
  'scale-query': async (a) => (await import('./scale-children.mjs')).query(a),
  'scale-library': async (a) => (await import('./scale-library.mjs')).libraryScale(a),
  'scale-remote': async (a) => (await import('./scale-remote.mjs')).remoteScale(a),
  'mini-build': async (a) => (await import('./scale-children.mjs')).miniBuild(a),
  'mini-query': async (a) => (await import('./scale-children.mjs')).miniQuery(a),
  membw: async (a) => (await import('./scale-children.mjs')).memoryBandwidth(a),
  'extract-ours': async (a) => (await import('./extract.mjs')).childExtract(a),
  embed: async (a) => (await import('./embed.mjs')).childEmbed(a),
};

const [role, json] = process.argv.slice(2);
if (!ROLES[role]) {
  console.error(`unknown role ${role}`);
  process.exit(2);
}
emit(await ROLES[role](JSON.parse(json ?? '{}')));
process.exit(0);
