// usage: node verify.mjs CREDENTIAL.json [CONTROLLER-DOC.json ...]
// Prints {"verified": bool, ...}; exit 0 when verified, 1 when not.
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {makeLoader} from './loader.mjs';

const [credentialFile, ...controllerFiles] = process.argv.slice(2);
const credential = JSON.parse(readFileSync(credentialFile, 'utf8'));
const controllerDocs = controllerFiles.map(f => JSON.parse(readFileSync(f, 'utf8')));
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
const result = await vc.verifyCredential({
  credential, suite, documentLoader: makeLoader(controllerDocs),
  // Status is checked by tsumiki's own tests; the reference stack would need a network fetch.
  checkStatus: async () => ({verified: true})
});
const errors = [];
const collect = e => { if (e) { errors.push(e.message || String(e)); (e.errors || []).forEach(collect); } };
collect(result.error);
for (const r of result.results || []) collect(r.error);
process.stdout.write(JSON.stringify({verified: result.verified, errors}) + '\n');
process.exit(result.verified ? 0 : 1);
