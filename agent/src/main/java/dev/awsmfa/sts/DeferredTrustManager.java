package dev.awsmfa.sts;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JVM's default trust manager, the one an {@code SSLContext} gets when given none, made at the first TLS
 * handshake instead of when the SDK's HTTP client is built. Making it reads and parses every certificate of the
 * trust store (cacerts): about 50 ms of CPU in a cold CLI run, which the client paid even for an {@code http://}
 * endpoint. Every check is the default manager's own, with the same arguments (the socket and engine forms carry
 * the host name check); if the trust store cannot be read, every certificate is refused.
 */
final class DeferredTrustManager extends X509ExtendedTrustManager {

    private X509ExtendedTrustManager delegate;

    /** What {@code UrlConnectionHttpClient.Builder.tlsTrustManagersProvider} takes. */
    static TrustManager[] asArray() {
        return new TrustManager[] {new DeferredTrustManager()};
    }

    private synchronized X509ExtendedTrustManager delegate() throws CertificateException {
        if (delegate == null) {
            try {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager tm : factory.getTrustManagers()) {
                    if (tm instanceof X509ExtendedTrustManager x) {
                        delegate = x;
                        return x;
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the JVM's trust store could not be read: " + e.getMessage(), e);
            }
            throw new CertificateException("the JVM has no X.509 trust manager");
        }
        return delegate;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        try {
            return delegate().getAcceptedIssuers();
        } catch (CertificateException e) {
            return new X509Certificate[0]; // no trust store: we trust no one
        }
    }
}
