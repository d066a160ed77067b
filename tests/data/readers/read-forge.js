// node-forge reads a PKCS#12 file this crate wrote: `node read-forge.js FILE PASS`
// (node-forge found through NODE_PATH). Prints K alias pkcs8-hex cert-hex for each key bag and
// C alias cert-hex for each certificate bag (upper-case hex), after forge checked the MAC.
const fs = require('fs');
const forge = require('node-forge');
const [file, pass] = process.argv.slice(2);
const der = fs.readFileSync(file).toString('binary');
const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), true, pass);
const hex = (bytes) => forge.util.bytesToHex(bytes).toUpperCase();
const name = (bag) => (bag.attributes.friendlyName || ['-'])[0];
const keyBags = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag];
for (const type of keyBags) {
  for (const bag of p12.getBags({ bagType: type })[type] || []) {
    const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key));
    console.log('K ' + name(bag) + ' ' + hex(forge.asn1.toDer(info).getBytes()));
  }
}
const certType = forge.pki.oids.certBag;
for (const bag of p12.getBags({ bagType: certType })[certType] || []) {
  console.log('C ' + name(bag) + ' ' + hex(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes()));
}
