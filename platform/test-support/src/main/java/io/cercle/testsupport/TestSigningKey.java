package io.cercle.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The signing key of {@link TestTokens}: an RSA key pair made once per test JVM, and its public half served as a
 * JWK set over HTTP at {@link #jwkSetUri()}, where Keycloak serves its own ({@code …/protocol/openid-connect/certs}).
 * A web slice trusts it through service-defaults' own setting {@code cercle.security.jwk-set-uri}, so that the
 * production decoder and validators check the test tokens ({@link CercleWebMvcTest}); no token check is replaced.
 */
public final class TestSigningKey {

    public static final String KEY_ID = "cercle-test-signing-key";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static volatile TestSigningKey instance;

    private final KeyPair keys;
    private volatile String jwkSetUri;

    private TestSigningKey(KeyPair keys) {
        this.keys = keys;
    }

    public static TestSigningKey get() {
        if (instance == null) {
            synchronized (TestSigningKey.class) {
                if (instance == null) {
                    try {
                        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                        generator.initialize(2048);
                        instance = new TestSigningKey(generator.generateKeyPair());
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("No RSA key pair generator in this JVM", e);
                    }
                }
            }
        }
        return instance;
    }

    /** An RS256 signature of {@code signingInput} ({@code base64url(header).base64url(payload)}), base64url. */
    String sign(String signingInput) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) keys.getPublic();
    }

    /** The public key as a JWK set, shaped as Keycloak's certs endpoint answers. */
    public String jwkSet() {
        RSAPublicKey key = publicKey();
        return "{\"keys\":[{\"kid\":\"" + KEY_ID + "\",\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + BASE64URL.encodeToString(unsigned(key.getModulus().toByteArray())) + "\",\"e\":\""
                + BASE64URL.encodeToString(unsigned(key.getPublicExponent().toByteArray())) + "\"}]}";
    }

    /** Where the JWK set is served (a loopback HTTP server started on first use, for the rest of the JVM). */
    public String jwkSetUri() {
        if (jwkSetUri == null) {
            synchronized (this) {
                if (jwkSetUri == null) {
                    jwkSetUri = serve();
                }
            }
        }
        return jwkSetUri;
    }

    private String serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String path = "/realms/cercle/protocol/openid-connect/certs";
            byte[] body = jwkSet().getBytes(StandardCharsets.UTF_8);
            server.createContext(path, exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            // Its dispatcher thread is no daemon; surefire ends a test JVM with System.exit, which runs this hook.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-signing-key-stop"));
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the test signing key", e);
        }
    }

    /** JWK integers are unsigned big-endian: drop the sign byte BigInteger adds. */
    private static byte[] unsigned(byte[] bytes) {
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
