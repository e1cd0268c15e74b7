/**
 * The English text of every message code (also the text of a thrown UserError,
 * for logs). A code without a text here fails to compile (see MessageTexts).
 */
import type { FailureKind } from '../../api/contract.js';
import type { FileKindName, MessageParams } from '../../api/messages.js';
import type { MessageTexts } from './format.js';

const FORMATS: Record<FileKindName, string> = {
  pdf: 'PDF', word: 'Word document', excel: 'Excel workbook', powerpoint: 'PowerPoint presentation',
  opendocument: 'OpenDocument text', rtf: 'RTF file', text: 'text file', image: 'image', file: 'file',
};

const KINDS: Record<FailureKind, string> = {
  unsupported: 'this file type is not supported',
  corrupt: 'the file is damaged or not what its name says',
  encrypted: 'the file is password-protected',
  empty: 'the file has no text',
  unreadable: 'the file cannot be read',
  'too-large': 'the file is too large',
  'not-found': 'the file was not found',
  timeout: 'reading the file took too long and was stopped',
  error: 'reading the file failed',
};

const ARGUMENTS: Record<MessageParams['cli.needsArgument']['what'], (command: string) => string> = {
  document: (command) => `kho ${command} needs a document path`,
  query: () => 'kho search needs a query, e.g. kho search "đổi mới sáng tạo"',
  passageId: () => 'kho basket add needs a passageId (from "kho search --json")',
  itemId: () => 'kho basket rm needs an item id (from "kho basket list")',
  outFile: () => 'kho basket export needs --out FILE',
  modelFolder: () => 'kho model import needs the model folder',
  folder: () => 'kho folders rm needs the folder to take out of the library',
  root: (command) => `kho ${command} needs a library root (its id or name, from "kho roots")`,
  rootFolder: (command) => `kho ${command} needs the folder where this computer sees the root, e.g. S:\\vanban`,
};

const S3_PROBLEMS_EN: Record<MessageParams['remote.badLocation']['problem'], string> = {
  scheme: 'it does not start with s3://', bucket: 'the bucket name is not valid (3–63 lower-case letters, digits, dots or hyphens)',
  prefix: 'the folder part has an empty, "." or ".." segment, a backslash or is too long', query: 'it has a "?" or "#" part',
};

const CHECKS_EN: Record<MessageParams['remote.noConditionalWrites']['check'], string> = {
  race: 'two create-only writes of the same object both succeeded', 'create-only': 'a create-only write replaced an existing object',
  'stale-etag': 'a write conditioned on an out-of-date version succeeded',
};

export const en: MessageTexts = {
  internal: ({ detail }) => `unexpected error: ${detail}`,
  'request.invalid': ({ method, problem }) => `invalid request to ${method}: ${problem}`,
  'request.refused': () => 'missing or wrong access token; open the address printed by "kho serve"',

  'query.empty': () => 'the query is empty',
  'query.tooLong': ({ length, max }) => `the search query is too long (${length} characters; at most ${max})`,
  'query.unclosedQuote': () => 'unclosed quote: the rest of the query was searched as plain words',
  'query.unknownField': ({ field, known }) => `unknown field "${field}:" (known: ${known.join(', ')}); searched as words`,
  'query.badYear': ({ value }) => `nam: expects a year or a range like nam:2021..2025, not "${value}"; ignored`,
  'query.emptyField': ({ field }) => `${field}: has no value; ignored`,
  'query.negatedField': ({ field }) => `-${field}: (excluding by field) is not supported; used as a filter`,

  'search.keywordOnly': ({ model }) =>
    model
      ? `keyword search only: passages are not embedded with ${model} yet; run "kho index"`
      : 'keyword search only: no embedding model installed (see "kho model import" / "kho model fetch")',
  'search.notEmbedded': ({ missing, total }) => `${missing} of ${total} passages have no vector yet; run "kho index" to embed them`,
  'search.filtersOnly': () => 'add words to search for; filters alone do not select passages',
  'search.badLimit': ({ max }) => `limit must be a whole number from 1 to ${max}`,
  'search.badSort': () => 'sort must be "relevance", "date", "number" or "title"',
  'search.badOffset': () => 'offset must be a whole number, 0 or more',
  'search.partial': () => 'no passage holds every word of the query: these hold some of them',

  'index.interrupted': ({ cancelled, done, total }) =>
    `an indexing run ${cancelled ? 'was cancelled' : 'was interrupted'}${done !== null && total !== null ? ` at ${done}/${total} files` : ''}; ` +
    '"kho index" (or restarting the app) resumes it',
  'index.noPaths': () => 'give at least one file or folder to index',
  'index.busy': ({ pid, dataDir }) => `another indexing run (process ${pid}) is writing to ${dataDir}`,
  'index.waiting': ({ pid, dataDir }) => `another process (${pid}) is writing to ${dataDir}; waiting for it to finish (Ctrl+C to stop)…`,
  'index.running': () => 'an indexing run is already in progress; wait for it to finish',
  'folder.missing': ({ path }) => `no such file or folder: ${path}`,
  'folder.cannotWatch': ({ folder, problem }) => `cannot watch ${folder} (${problem}); it is still rescanned at start`,
  'folder.notInLibrary': ({ folder, folders }) => `${folder} is not a library folder (the folders are: ${folders.join(', ') || 'none'})`,
  'data.unusable': ({ dataDir, problem }) => `the data folder ${dataDir} cannot be used (${problem})`,
  'data.newerLayout': ({ dataDir, found, supported }) => `the data folder ${dataDir} was made by a newer version (layout ${found}); this version reads layout ${supported}. Nothing was changed; use the newer version`,
  'data.olderLayout': ({ dataDir, found, supported }) => `the data folder ${dataDir} has an older layout (${found}; this version uses ${supported}). Run \`kho index\` to upgrade it (the old data is backed up)`,
  'data.migrated': ({ dataDir, found, supported, backup }) => `upgraded ${dataDir} from layout ${found} to ${supported}; the old data is kept in ${backup} and the library is re-indexed from the sources`,
  'data.created': ({ dataDir }) => `starting a new library in ${dataDir}`,
  'data.noLibrary': ({ dataDir }) => `there is no library in ${dataDir}. Index something first (\`kho index <folder> --data ${dataDir}\`) or check --data (is the share mounted?)`,
  'data.urlUnsupported': ({ dataDir }) => `storing data at ${dataDir} is not supported yet; use a local folder`,
  'data.fileCorrupt': ({ file, problem }) => `${file} is damaged (${problem}); it was left as it is`,
  'data.fileSetAside': ({ file, movedTo }) => `the damaged ${file} was moved to ${movedTo}; a new one is written`,
  'store.unreadable': ({ table, dataDir, detail }) => `the ${table} table in ${dataDir} cannot be read now (${detail}); nothing was changed. Check permissions or the drive and try again`,
  'store.damaged': ({ table, dataDir }) => `the ${table} table in ${dataDir} is damaged and has no readable version left. Run \`kho verify --repair --data ${dataDir}\` to move it to _quarantine and re-index`,
  'store.rolledBack': ({ table, versions, quarantine }) => `the ${table} table was cut short while writing: rolled back ${versions} version(s) (the damaged ones are kept in ${quarantine}); the next index run restores what they held from the sources`,
  'store.repaired': ({ table, quarantine }) => `the damaged ${table} table was moved to ${quarantine} and started afresh; the next index run rebuilds it from the sources`,
  'store.cleaned': ({ duplicates, orphans }) => `removed ${duplicates} duplicate passage(s) and ${orphans} orphaned row(s) from the stores`,
  'remote.badLocation': ({ url, problem }) => `"${url}" is not a usable object storage location: ${S3_PROBLEMS_EN[problem]} (expected s3://bucket/folder)`,
  'remote.badProfile': ({ profile, file }) => `the AWS profile "${profile}" (AWS_PROFILE) is not in ${file} nor in ~/.aws/config`,
  'remote.noCredentials': ({ url, profile }) => `no credentials for ${url}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or ${profile ? `add keys to the profile "${profile}"` : 'AWS_PROFILE to a profile with keys'} in ~/.aws/credentials`,
  'remote.badEndpoint': ({ value }) => `"${value}" is not an object storage endpoint (expected http(s)://host[:port], e.g. in AWS_ENDPOINT_URL)`,
  'remote.noBucket': ({ url }) => `the bucket of ${url} does not exist; ask the administrator to create it`,
  'remote.accessDenied': ({ url, detail }) => `access to ${url} was refused (${detail}); check the keys and what they are allowed`,
  'remote.offline': ({ url, detail }) => `cannot reach the object storage of ${url} (${detail}); check the network`,
  'remote.leaseHeld': ({ url, holder, expiresAt }) => `${holder} is already writing to ${url} (its lease runs until ${expiresAt}); only one writer at a time, this process only reads`,
  'remote.leaseLost': ({ url, holder }) => `this process is no longer the writer of ${url}${holder ? ` (${holder} took over)` : ' (its lease could not be renewed in time)'}; it stopped writing`,
  'remote.leaseTakenOver': ({ url, previous, expiredAt }) => `took over writing to ${url} from ${previous}, whose lease ran out at ${expiredAt}`,
  'remote.noConditionalWrites': ({ url, endpoint, check }) => `the object storage at ${endpoint} does not honour conditional writes (${CHECKS_EN[check]}): two writers could lose each other's work, so no second writer is allowed on ${url}`,
  'remote.readOnly': ({ url }) => `this process only reads ${url}; only the writer (the process holding the lease, e.g. kho index on the writer machine) may change it`,
  'remote.writeConflict': ({ url, name }) => `${name} in ${url} was changed by another process since this writer read it; nothing was overwritten (is a second writer running?)`,
  'remote.where': ({ url, endpoint, credentials, role, holder, expiresAt, probe, probedAt }) =>
    `library on object storage: ${url} (${endpoint}, keys from ${credentials}); this process ${role === 'writer' ? 'is the writer' : 'only reads'}; writer: ${holder ? `${holder}, lease until ${expiresAt}` : 'none'}; conditional writes: ${probe === null ? 'not checked yet' : probe === 'honoured' ? `honoured (checked ${probedAt})` : `NOT honoured (${CHECKS_EN[probe]}, checked ${probedAt})`}`,
  'remote.offlineKept': ({ url, detail, since }) => `offline: ${url} cannot be reached (${detail}) since ${since}; showing the version loaded before`,
  'remote.notCopied': ({ url, count, name, reason }) => `this computer's copy lacks ${count} object${count === 1 ? '' : 's'} of ${url}: their names do not fit its disk (first: ${name}, ${reason})`,
  'location.invalid': ({ value }) => `"${value}" is not a library location: give a full folder path (e.g. D:\\KhoTriThuc, /srv/kho) or s3://bucket/prefix`,
  'location.unusable': ({ file, problem }) => `the library location setting ${file} cannot be used (${problem}); using the default folder. Set it again with: kho location <location>`,
  'location.set': ({ location, current }) => (location ? `from the next start, the library is ${location}` : 'from the next start, the library is in the default folder') + (location === current || !current ? '' : ` (this time still ${current})`),
  'document.notInLibrary': ({ path }) => `${path} is not a document of the library (index it first)`,
  'document.gone': ({ path }) => `${path} is no longer where it was indexed`,
  'document.cannotOpen': ({ path, detail }) => `cannot open ${path}: ${detail}`,
  'document.tooLargeForViewer': ({ path, maxMb }) => `${path} is too large for the viewer (over ${maxMb} MB); open it in the default app`,
  'root.notMapped': ({ path, root, name, folder }) => `${path} is in the library folder “${name}” (${folder}), which is not mapped to a folder on this computer; map it: kho roots map ${root} <folder on this computer>`,
  'root.unknown': ({ root, roots }) => `no library folder “${root}” (the folders are: ${roots.join(', ') || 'none'})`,
  'root.ambiguous': ({ root, ids }) => `“${root}” names more than one library folder; use its id: ${ids.join(', ')}`,
  'passage.notFound': ({ passageId }) => `no passage ${passageId} in the library (copy a passageId from "kho search --json")`,
  'passage.notInDocument': ({ passageId, path }) => `passage ${passageId} is not part of ${path}`,
  'status.unknown': ({ value, expected }) => `unknown status "${value}" (expected one of ${expected.join(', ')}, or null to clear)`,

  'model.folderMissing': ({ folder }) => `model folder not found: ${folder}`,
  'model.folderIncomplete': ({ folder, missing }) => `${folder} is not a complete model folder: missing ${missing.join(', ')}`,
  'model.badId': ({ id, example }) => `"${id}" is not a model id of the form organisation/name (e.g. ${example})`,
  'model.unreachable': ({ base, detail }) => `cannot reach ${base} (${detail}); on an offline machine use "kho model import <folder>"`,
  'model.downloadFailed': ({ url, status }) => `download of ${url} failed: HTTP ${status}`,
  'model.doesNotLoad': ({ detail }) => `the model does not load: ${detail}`,

  'basket.noItem': ({ id }) => `basket: no item "${id}" in the basket`,
  'basket.hitIncomplete': () => 'basket: a hit needs passageId, text and citation',
  'basket.badFormat': () => 'export format must be "markdown" or "docx"',

  'serve.loopbackOnly': ({ host }) => `the web mode listens on this computer only (127.0.0.1), not on ${host}`,
  'serve.portInUse': ({ port }) => `port ${port} is already in use; choose another with --port N (0 = any free port)`,
  'serve.badPort': ({ value }) => `--port must be a whole number from 0 to 65535 (0 = any free port), not "${value}"`,

  'cli.needsValue': ({ option }) => `--${option} needs a value`,
  'cli.unknownOption': ({ option }) => `unknown option --${option} (see "kho --help")`,
  'cli.unknownCommand': ({ command, known }) => `unknown command "${command}" (${known.length ? known.join(', ') : 'see "kho --help"'})`,
  'cli.needsArgument': ({ command, what }) => ARGUMENTS[what](command),
  'cli.notPositive': ({ option, value }) => `${option} must be a positive whole number, not "${value}"`,
  'cli.badLang': ({ value }) => `--lang is "vi" or "en", not "${value}"`,
  'cli.statusConflict': () => 'give --set-status or --clear-status, not both',
  'cli.noFolders': () => 'no library folders yet: index a folder first (kho index <folder>)',

  'failure.kind': ({ kind }) => KINDS[kind] ?? KINDS.error,
  'failure.unsupportedType': ({ ext }) => `unsupported file type "${ext || '(no extension)'}"`,
  'failure.notYetSupported': ({ ext, saveAs }) => `${ext} files are not supported${saveAs ? ` yet; save as ${saveAs}` : ''}`,
  'failure.oldWord': () => 'Word 6.0/95 documents are not supported (only Word 97–2003 .doc)',
  'failure.emptyFile': () => 'the file is empty (0 bytes)',
  'failure.noText': ({ format }) => `the ${FORMATS[format]} has no text`,
  'failure.scanned': ({ cause }) =>
    cause === 'ocr-off' ? 'no text layer (a scanned document) and OCR is turned off'
    : cause === 'ocr-failed' ? 'no text layer (a scanned document) and OCR could not read it'
    : cause === 'mojibake-ocr-off' ? 'unreadable text (garbled encoding) and OCR is turned off'
    : 'unreadable text (garbled encoding) and OCR could not read it',
  'failure.encrypted': ({ format }) => `the ${FORMATS[format]} is password-protected`,
  'failure.corrupt': ({ format }) => `the ${FORMATS[format]} is damaged or not a readable ${FORMATS[format]}`,
  'failure.misnamed': ({ ext, actual }) => `named ${ext} but it is ${actual === 'unknown' ? 'a file of an unknown kind' : `a ${FORMATS[actual]}`}`,
  'failure.binary': () => 'the file is binary, not text',
  'failure.tooLarge': ({ sizeMb, limitMb }) => `the file is ${sizeMb} MB; files over ${limitMb} MB are not indexed`,
  'failure.expandsTooMuch': ({ limitMb }) => `the file would expand to ${limitMb ? `more than ${limitMb} MB` : 'too much text'} (a zip bomb?); not unpacked`,
  'failure.tooManyCells': ({ max }) => `the workbook has more than ${max} cells`,
  'failure.timeout': ({ seconds }) => `extraction took longer than ${seconds} s and was stopped`,
  'failure.memory': ({ limitMb }) => `extraction needed more than ${limitMb} MB of memory and was stopped`,
  'failure.stopped': () => 'extraction was stopped',
  'failure.crashed': () => 'the extraction worker stopped unexpectedly',
  'failure.changing': () => 'the file kept changing while being read; it is indexed once it settles',
  'failure.vanished': () => 'the file was deleted or moved while being indexed',
  'failure.denied': () => 'permission denied: the file cannot be read',
  'failure.unreadable': ({ problem }) => `cannot be read (${problem})`,
  'failure.notRegular': () => 'not a regular file (a pipe, socket or device); not read',
  'failure.linkLoop': () => 'a symbolic link that points back to itself (a link loop); not followed',
  'failure.brokenLink': () => 'a broken link: its target is missing',
  'failure.imagePixels': ({ megapixels, limit }) => `the image has ${megapixels} million pixels; images over ${limit} million are not OCR'd`,
  'failure.imageCoding': ({ coding }) => `TIFF pages compressed with ${coding} cannot be read yet; save as PDF, PNG or LZW-compressed TIFF`,
  'failure.imageNoText': ({ cause }) => (cause === 'ocr-off' ? 'an image is read only by OCR, and OCR is turned off' : 'OCR found no text in the image'),
};
