// A document loader that never touches the network: tsumiki's bundled contexts, did:key,
// and controller documents passed on the command line.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const here = dirname(fileURLToPath(import.meta.url));
const contextsDir = join(here, '..', 'crates', 'jsonld', 'contexts');
const manifest = JSON.parse(readFileSync(join(contextsDir, 'manifest.json'), 'utf8'));

export function makeLoader(controllerDocs = []) {
  const byId = new Map();
  for (const doc of controllerDocs) {
    byId.set(doc.id, doc);
    for (const vm of doc.verificationMethod || []) {
      byId.set(vm.id, {'@context': doc['@context'], ...vm});
    }
  }
  return async url => {
    const entry = manifest[url];
    if (entry) {
      const document = JSON.parse(readFileSync(join(contextsDir, entry.file), 'utf8'));
      return {contextUrl: null, documentUrl: url, document};
    }
    if (url.startsWith('did:key:')) {
      const [did, fragment] = url.split('#');
      const multibase = did.slice('did:key:'.length);
      const key = await Ed25519Multikey.from({
        id: `${did}#${multibase}`, controller: did, publicKeyMultibase: multibase
      });
      const vm = await key.export({publicKey: true, includeContext: true});
      const document = fragment ? vm : {
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
        id: did,
        verificationMethod: [{...vm, '@context': undefined}],
        assertionMethod: [vm.id],
        authentication: [vm.id]
      };
      return {contextUrl: null, documentUrl: url, document};
    }
    if (byId.has(url)) {
      return {contextUrl: null, documentUrl: url, document: byId.get(url)};
    }
    throw new Error(`interop loader: refusing to fetch ${url}`);
  };
}
