package io.cercle.gateway.ratelimit;

/** What a bucket counts: a whole tenant's traffic, one member's, or one client address's requests without a token. */
enum LimitKind {
    TENANT("tenant"), MEMBER("member"), ADDRESS("address");

    private final String label;

    LimitKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The bucket's key; prefixed so that a tenant alias, a member id and an address never share a bucket. */
    String key(String id) {
        return label + ":" + id;
    }
}
