// Bouncy Castle reads a PKCS#12 file this crate wrote: `java -cp bcprov.jar ReadBc.java FILE PASS`.
// Prints one line per entry: K alias pkcs8-hex cert-hex, or T alias cert-hex (upper-case hex),
// through BC's own PKCS12 implementation (KeyStore.getInstance("PKCS12", "BC")), not the JDK's.
import java.io.FileInputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.Security;
import java.util.Collections;
import java.util.HexFormat;

public class ReadBc {
    public static void main(String[] args) throws Exception {
        Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        KeyStore ks = KeyStore.getInstance("PKCS12", "BC");
        char[] pass = args[1].toCharArray();
        try (FileInputStream in = new FileInputStream(args[0])) {
            ks.load(in, pass);
        }
        HexFormat hex = HexFormat.of().withUpperCase();
        for (String alias : Collections.list(ks.aliases())) {
            String cert = hex.formatHex(ks.getCertificate(alias).getEncoded());
            if (ks.isKeyEntry(alias)) {
                Key key = ks.getKey(alias, pass);
                System.out.println("K " + alias + " " + hex.formatHex(key.getEncoded()) + " " + cert);
            } else {
                System.out.println("T " + alias + " " + cert);
            }
        }
    }
}
