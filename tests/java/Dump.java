// Loads a keystore with the real JCA and prints one line per entry, for the interop tests:
//   <alias> key <created-ms> <sha256(PKCS#8)> <sha256(cert)>...
//   <alias> secret <created-ms> <algorithm>:<hex>
//   <alias> trusted <created-ms> <sha256(cert)>
// Usage: java Dump.java <file> <storetype> <storepass> <keypass> [<alias>=<keypass>]...
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

public class Dump {
    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02X", x));
        return s.toString();
    }

    static String sha(byte[] b) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance(a[1]);
        try (InputStream in = new FileInputStream(a[0])) {
            ks.load(in, a[2].toCharArray());
        }
        Map<String, String> keypasses = new HashMap<>();
        for (int i = 4; i < a.length; i++) {
            int eq = a[i].lastIndexOf('=');
            keypasses.put(a[i].substring(0, eq), a[i].substring(eq + 1));
        }
        for (String alias : Collections.list(ks.aliases())) {
            StringBuilder sb = new StringBuilder(alias).append(' ');
            long created = ks.getCreationDate(alias).getTime();
            if (ks.isKeyEntry(alias)) {
                Key k = ks.getKey(alias, keypasses.getOrDefault(alias, a[3]).toCharArray());
                if (k instanceof PrivateKey) {
                    sb.append("key ").append(created).append(' ').append(sha(k.getEncoded()));
                    for (Certificate c : ks.getCertificateChain(alias)) sb.append(' ').append(sha(c.getEncoded()));
                } else {
                    sb.append("secret ").append(created).append(' ')
                      .append(k.getAlgorithm()).append(':').append(hex(k.getEncoded()));
                }
            } else {
                sb.append("trusted ").append(created).append(' ').append(sha(ks.getCertificate(alias).getEncoded()));
            }
            System.out.println(sb);
        }
    }
}
