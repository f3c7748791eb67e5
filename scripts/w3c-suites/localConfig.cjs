// tsumiki as the one implementation under test, for the W3C vc-data-model-2.0,
// vc-di-eddsa and vc-bitstring-status-list suites. Copy this file to the root of each suite
// as localConfig.cjs; the values come from the environment that setup.sh prints
// (`. /tmp/tsumiki-w3c/env`), so nothing secret is written into the suite.
//
// Issuing needs an API token (sent as a bearer token); verifying is open, so the verifier
// endpoints send none. The issuer is the did:key issuer setup.sh created: the eddsa suite
// resolves verification methods offline only for did:key.
const baseUrl = process.env.TSUMIKI_W3C_BASE_URL || 'https://127.0.0.1:40443';
const issuerId = process.env.TSUMIKI_W3C_ISSUER;
const token = process.env.TSUMIKI_W3C_TOKEN;
if(!issuerId || !token) {
  throw new Error('Set TSUMIKI_W3C_ISSUER and TSUMIKI_W3C_TOKEN: run ' +
    'scripts/w3c-suites/setup.sh and source the env file it writes.');
}
const tags = ['vc2.0', 'eddsa-rdfc-2022', 'BitstringStatusList', 'localhost'];

module.exports = {
  settings: {
    enableInteropTests: false,
    testAllImplementations: false
  },
  implementations: [{
    name: 'tsumiki',
    implementation: 'tsumiki serve',
    issuers: [{
      id: issuerId,
      endpoint: `${baseUrl}/credentials/issue`,
      headers: {Authorization: `Bearer ${token}`},
      supports: {vc: ['2.0']},
      tags
    }],
    verifiers: [{
      id: `${baseUrl}/credentials/verify`,
      endpoint: `${baseUrl}/credentials/verify`,
      supports: {vc: ['1.1', '2.0']},
      tags
    }],
    vpVerifiers: [{
      id: `${baseUrl}/presentations/verify`,
      endpoint: `${baseUrl}/presentations/verify`,
      tags
    }]
  }]
};
