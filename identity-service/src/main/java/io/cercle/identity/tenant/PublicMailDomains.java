package io.cercle.identity.tenant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Mail domains anyone can get an address at (gmail.com, orange.fr, yahoo.*…): none of them identifies an
 * organisation, so no tenant may claim one — it would open the tenant to everyone with such an address and, in
 * Keycloak, tie every such address to that tenant's organization. The list is {@code public-mail-domains.txt} in
 * this package plus what operators add ({@link TenantProperties#publicMailDomains()}).
 * <p>
 * A domain is public when it, or any domain it is a subdomain of, is listed; {@code brand.*} stands for the brand
 * under a top-level domain ({@code yahoo.fr}) or a generic second level ({@code yahoo.co.uk}, {@code yahoo.com.br}),
 * not under another organisation's domain ({@code gmx.acme.com} is not public).
 */
final class PublicMailDomains {

    /** A domain or a brand followed by {@code .*}, as the list and the configuration write them. */
    static final String ENTRY = "([a-z0-9-]+\\.)+[a-z0-9-]+|[a-z0-9-]+\\.\\*";

    private static final String RESOURCE = "public-mail-domains.txt";
    /** Second levels under which country domains sell addresses (co.uk, com.br, ne.jp…). */
    private static final Set<String> GENERIC_SECOND_LEVELS = Set.of("co", "com", "net", "org", "ne", "or", "ac", "gov",
            "edu");

    private final Set<String> domains = new HashSet<>();
    private final Set<String> brands = new HashSet<>();

    PublicMailDomains(List<String> entries) {
        for (String raw : entries) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (!entry.matches(ENTRY)) {
                throw new IllegalArgumentException("Not a public mail domain entry: " + raw);
            }
            if (entry.endsWith(".*")) {
                brands.add(entry.substring(0, entry.length() - 2));
            } else {
                domains.add(entry);
            }
        }
    }

    /** The built-in list and the operators' additions. */
    static PublicMailDomains builtInAnd(List<String> additions) {
        var entries = new ArrayList<>(builtIn());
        entries.addAll(additions);
        return new PublicMailDomains(entries);
    }

    boolean isPublic(String domain) {
        String[] labels = domain.toLowerCase(Locale.ROOT).split("\\.");
        // The domain itself, then each domain above it that still has two labels.
        for (int i = 0; i + 1 < labels.length; i++) {
            if (domains.contains(String.join(".", List.of(labels).subList(i, labels.length)))) {
                return true;
            }
            if (brands.contains(labels[i]) && isPublicSuffix(labels, i + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPublicSuffix(String[] labels, int from) {
        int rest = labels.length - from;
        return rest == 1 || rest == 2 && GENERIC_SECOND_LEVELS.contains(labels[from]);
    }

    private static List<String> builtIn() {
        try (InputStream in = PublicMailDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the service");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
