import java.io.*;
import java.security.*;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
public class MakeFks {
    public static void main(String[] a) throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        KeyStore in = KeyStore.getInstance("PKCS12");
        try (InputStream s = new FileInputStream(a[0])) { in.load(s, a[1].toCharArray()); }
        KeyStore out = KeyStore.getInstance("BCFKS", "BC");
        out.load(null, null);
        for (String alias : java.util.Collections.list(in.aliases())) out.setCertificateEntry(alias, in.getCertificate(alias));
        try (OutputStream s = new FileOutputStream(a[2])) { out.store(s, a[1].toCharArray()); }
    }
}
