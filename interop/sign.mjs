// usage: node sign.mjs KEY.json CREDENTIAL.json  → prints the credential signed with eddsa-rdfc-2022
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {makeLoader} from './loader.mjs';

const [keyFile, credentialFile] = process.argv.slice(2);
const keyJson = JSON.parse(readFileSync(keyFile, 'utf8'));
const keyPair = await Ed25519Multikey.from({
  id: keyJson.id,
  controller: keyJson.controller,
  publicKeyMultibase: keyJson.publicKeyMultibase,
  secretKeyMultibase: keyJson.secretKeyMultibase ?? keyJson.privateKeyMultibase
});
const suite = new DataIntegrityProof({signer: keyPair.signer(), cryptosuite: eddsaRdfc2022CryptoSuite});
const credential = JSON.parse(readFileSync(credentialFile, 'utf8'));
const signed = await vc.issue({credential, suite, documentLoader: makeLoader()});
process.stdout.write(JSON.stringify(signed, null, 2) + '\n');
