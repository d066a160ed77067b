import java.io.*;
import java.security.*;
import java.security.cert.*;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

// Copies every key and certificate entry of a keystore into a PKCS#12 store written by Bouncy
// Castle's provider (BER, as BC writes it): MakeBer in.p12 inpass out.p12 outpass [type]
public class MakeBer {
    public static void main(String[] a) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        KeyStore in = KeyStore.getInstance("PKCS12");
        try (InputStream s = new FileInputStream(a[0])) { in.load(s, a[1].toCharArray()); }
        KeyStore out = KeyStore.getInstance(a.length > 4 ? a[4] : "PKCS12", "BC");
        out.load(null, null);
        for (String alias : java.util.Collections.list(in.aliases())) {
            if (in.isKeyEntry(alias)) {
                out.setKeyEntry(alias, in.getKey(alias, a[1].toCharArray()), a[3].toCharArray(), in.getCertificateChain(alias));
            } else {
                out.setCertificateEntry(alias, in.getCertificate(alias));
            }
        }
        try (OutputStream s = new FileOutputStream(a[2])) { out.store(s, a[3].toCharArray()); }
    }
}
