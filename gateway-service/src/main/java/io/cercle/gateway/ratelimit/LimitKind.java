package io.cercle.gateway.ratelimit;

/** What a bucket counts: a whole tenant's traffic, or one member's. */
enum LimitKind {
    TENANT("tenant"), MEMBER("member");

    private final String label;

    LimitKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The bucket's key; prefixed so that a tenant alias can never share a bucket with a member id. */
    String key(String id) {
        return label + ":" + id;
    }
}
