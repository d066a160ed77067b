// The PKCS#12 files of this folder, written by node-forge 1.x (`npm install node-forge`, then
// `NODE_PATH=node_modules node make.js`). The key and certificates are ../cryptography's
// (key.der, server.cer, ca.cer), so one expectation serves both producers. Password `changeit`.
const fs = require('fs');
const forge = require('node-forge');
const src = (f) => fs.readFileSync(__dirname + '/../cryptography/' + f).toString('binary');
const asn1 = (f) => forge.asn1.fromDer(src(f));
const key = forge.pki.privateKeyFromAsn1(asn1('key.der'));
const chain = [forge.pki.certificateFromAsn1(asn1('server.cer')), forge.pki.certificateFromAsn1(asn1('ca.cer'))];
const forms = {
  'default.p12': {},
  '3des.p12': { algorithm: '3des' },
  'aes256.p12': { algorithm: 'aes256' },
};
for (const [name, opts] of Object.entries(forms)) {
  const p12 = forge.pkcs12.toPkcs12Asn1(key, chain, 'changeit', { friendlyName: 'server', ...opts });
  fs.writeFileSync(__dirname + '/' + name, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}
